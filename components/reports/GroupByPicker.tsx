"use client";
import { useState } from "react";
import { LABEL_KEY } from "@/lib/api/reportSchema";
import styles from "./reports.module.css";

const CHOICES = [
  ["host", "Host"],
  ["image", "Image"],
  ["repository", "Repository"],
  ["container", "Container"],
  ["volume", "Volume"],
  ["project", "Compose project"],
  ["category", "Category (images, logs, …)"],
  ["label", "Label…"],
] as const;

/** The group-by as the API spells it (host, image, …, label:KEY); reports only valid choices. */
export function GroupByPicker({ onChange }: { onChange: (groupBy: string) => void }) {
  const [choice, setChoice] = useState<string>("host");
  const [labelKey, setLabelKey] = useState("team");
  const emit = (nextChoice: string, nextKey: string) => {
    if (nextChoice !== "label") onChange(nextChoice);
    else if (LABEL_KEY.test(nextKey)) onChange(`label:${nextKey}`);
  };
  return (
    <div className={styles.controls}>
      <label>
        Group by
        <select
          value={choice}
          onChange={(e) => {
            setChoice(e.target.value);
            emit(e.target.value, labelKey);
          }}
        >
          {CHOICES.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      </label>
      {choice === "label" && (
        <label>
          Label key
          <input
            value={labelKey}
            onChange={(e) => {
              setLabelKey(e.target.value);
              emit("label", e.target.value);
            }}
            placeholder="team"
            spellCheck={false}
          />
          {!LABEL_KEY.test(labelKey) && <span className={styles.hint}>Letters, digits, . _ / - only.</span>}
        </label>
      )}
    </div>
  );
}
