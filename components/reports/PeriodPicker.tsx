"use client";
import { useState } from "react";
import { isValidRange, monthRange, type DateRange } from "@/lib/analysis/reportPeriods";
import styles from "./reports.module.css";

/** A calendar month (UTC) or a custom range of whole days; reports the range only when it is usable. */
export function PeriodPicker({ initialMonth, onChange }: { initialMonth: string; onChange: (range: DateRange) => void }) {
  const [mode, setMode] = useState<"month" | "custom">("month");
  const [month, setMonth] = useState(initialMonth);
  const [custom, setCustom] = useState<DateRange>(() => monthRange(initialMonth)!);
  const pickMonth = (value: string) => {
    setMonth(value);
    const range = monthRange(value);
    if (range) onChange(range);
  };
  const pickCustom = (range: DateRange) => {
    setCustom(range);
    if (isValidRange(range)) onChange(range);
  };
  return (
    <div className={styles.controls}>
      <label>
        Period
        <select
          value={mode}
          onChange={(e) => {
            const next = e.target.value as "month" | "custom";
            setMode(next);
            if (next === "month") pickMonth(month);
            else pickCustom(custom);
          }}
        >
          <option value="month">Calendar month (UTC)</option>
          <option value="custom">Custom range</option>
        </select>
      </label>
      {mode === "month" ? (
        <label>
          Month
          <input type="month" value={month} onChange={(e) => pickMonth(e.target.value)} required />
        </label>
      ) : (
        <>
          <label>
            From (00:00 UTC)
            <input type="date" value={custom.from} onChange={(e) => pickCustom({ ...custom, from: e.target.value })} />
          </label>
          <label>
            To (not included)
            <input type="date" value={custom.to} onChange={(e) => pickCustom({ ...custom, to: e.target.value })} />
          </label>
          {!isValidRange(custom) && <span className={styles.hint}>Pick a start before the end.</span>}
        </>
      )}
    </div>
  );
}
