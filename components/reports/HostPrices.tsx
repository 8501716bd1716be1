"use client";
import { useState } from "react";
import { DEFAULT_PRICE_PER_GB_MONTH } from "@/lib/analysis/cost";
import type { CostReportResponse } from "@/lib/api/reportTypes";
import { SignInPanel } from "@/components/auth/SignInPanel";
import { useHostPriceMutation } from "@/lib/queries/useHostPriceMutation";
import { usePermissions, useSessionQuery } from "@/lib/queries/useSessionQuery";
import styles from "./reports.module.css";

type ReportHost = CostReportResponse["report"]["hosts"][number];

function PriceRow({ host, locked }: { host: ReportHost; locked: boolean }) {
  const mutation = useHostPriceMutation();
  const [text, setText] = useState(host.pricePerGbMonth === null ? "" : String(host.pricePerGbMonth));
  const price = text.trim() === "" ? null : Number(text);
  const valid = price === null || (Number.isFinite(price) && price >= 0 && price <= 1000);
  return (
    <tr data-host={host.hostName}>
      <td>{host.hostName}</td>
      <td className="num">{host.snapshotsUsed === host.snapshotsInRange ? host.snapshotsInRange : `${host.snapshotsUsed} of ${host.snapshotsInRange}`}</td>
      <td>
        <form
          className="inline"
          onSubmit={(e) => {
            e.preventDefault();
            if (valid) mutation.mutate({ hostId: host.hostId, pricePerGbMonth: price });
          }}
        >
          <input
            className={styles.priceInput}
            aria-label={`Price per GB-month for ${host.hostName}`}
            inputMode="decimal"
            value={text}
            placeholder={String(DEFAULT_PRICE_PER_GB_MONTH)}
            onChange={(e) => setText(e.target.value)}
          />
          <button type="submit" className="secondary" disabled={!valid || mutation.isPending || locked}>
            {mutation.isPending ? "Saving…" : "Save"}
          </button>
          {!valid && <span className={styles.hint}>A price from 0 to 1000.</span>}
          {mutation.error && (
            <span className={styles.hint} role="alert">
              {mutation.error.message}
            </span>
          )}
        </form>
      </td>
    </tr>
  );
}

/** Per-host USD per GB-month; empty means OpenCost's default ($0.04). */
export function HostPrices({ hosts }: { hosts: ReportHost[] }) {
  const session = useSessionQuery();
  const permissions = usePermissions();
  // Only an admin may change prices (the API answers 401/403 otherwise).
  const locked = !permissions.has("managePrices");
  return (
    <>
      {locked && !session.data?.user && <SignInPanel purpose="Changing prices needs a signed-in admin." />}
      {locked && session.data?.user && <p className="meta">Your role ({session.data.user.role}) may not change prices.</p>}
      <table aria-label="Price per host">
        <thead>
          <tr>
            <th>Host</th>
            <th className="num">Snapshots used</th>
            <th>USD per GB-month (empty = default ${DEFAULT_PRICE_PER_GB_MONTH})</th>
          </tr>
        </thead>
        <tbody>
          {hosts.map((host) => (
            <PriceRow key={`${host.hostId}:${host.pricePerGbMonth}`} host={host} locked={locked} />
          ))}
        </tbody>
      </table>
    </>
  );
}
