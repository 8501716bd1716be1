"use client";
import { useState } from "react";
import type { DateRange } from "@/lib/analysis/reportPeriods";
import { useTrendQuery } from "@/lib/queries/useTrendQuery";
import { QueryState } from "@/components/ui/QueryState";
import { TrendSummary } from "@/components/trends/TrendSummary";
import { DiskForecastTable } from "./DiskForecastTable";
import styles from "./reports.module.css";

/** Stacked bytes per category over the report's period, for the fleet or one host. */
export function TrendsSection({ range, hosts }: { range: DateRange; hosts: { hostId: string; hostName: string }[] }) {
  const [hostId, setHostId] = useState<string | null>(null);
  const query = useTrendQuery(range, hostId);
  const trend = query.data?.trend;
  const scope = hostId ? (hosts.find((h) => h.hostId === hostId)?.hostName ?? "host") : "the fleet";
  return (
    <section className="panel" aria-label="Trends">
      <div className={styles.head}>
        <h2>Bytes over time</h2>
        <span className={styles.spacer} />
        <label className={styles.controls}>
          Scope
          <select value={hostId ?? ""} onChange={(e) => setHostId(e.target.value || null)}>
            <option value="">Fleet (all hosts)</option>
            {hosts.map((host) => (
              <option key={host.hostId} value={host.hostId}>
                {host.hostName}
              </option>
            ))}
          </select>
        </label>
      </div>
      <QueryState
        isLoading={query.isLoading && !query.data}
        error={query.error}
        data={query.data}
        isEmpty={trend?.series.length === 0}
        empty={<p className="meta">No good snapshot of {scope} in or before this period.</p>}
      >
        {trend && (
          <>
            <TrendSummary trend={trend} scopeName={scope} windowWords="period" />
            {query.data && <DiskForecastTable fills={query.data.fills} />}
            <p className="meta">
              Each poll&apos;s bytes hold until the next poll. Growth is the least-squares slope of the total, over hosts present for the whole period (one
              host: its polls from one engine); a host added, removed or answering as another engine is a step, drawn as a dashed line, never growth. No rate
              from under an hour of polls. Dates in UTC; GB = 10^9 bytes.
            </p>
          </>
        )}
      </QueryState>
    </section>
  );
}
