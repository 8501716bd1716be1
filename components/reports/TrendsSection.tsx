"use client";
import { useState } from "react";
import type { DateRange } from "@/lib/analysis/reportPeriods";
import { useTrendQuery } from "@/lib/queries/useTrendQuery";
import { CategoryAreaChart } from "@/components/charts/CategoryAreaChart";
import { QueryState } from "@/components/ui/QueryState";
import { formatBytes } from "@/components/format";
import { fillShort } from "@/components/hosts/fillText";
import { DiskForecastTable } from "./DiskForecastTable";
import styles from "./reports.module.css";

function growthText(bytesPerDay: number | null): string {
  if (bytesPerDay === null) return "needs two polls in the period";
  return `${bytesPerDay < 0 ? "−" : "+"}${formatBytes(Math.round(Math.abs(bytesPerDay)))}/day`;
}

/** Stacked bytes per category over the report's period, for the fleet or one host. */
export function TrendsSection({ range, hosts }: { range: DateRange; hosts: { hostId: string; hostName: string }[] }) {
  const [hostId, setHostId] = useState<string | null>(null);
  const query = useTrendQuery(range, hostId);
  const trend = query.data?.trend;
  // The series' last point may be the newest poll held until now: its values are still that poll's.
  const latest = trend?.series.at(-1);
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
            <div className={styles.stats}>
              <div className={styles.stat}>
                <span className="meta">Growth over the period</span>
                <strong data-testid="growth">{growthText(trend.growthBytesPerDay)}</strong>
              </div>
              {latest && (
                <div className={styles.stat}>
                  <span className="meta">Total, latest</span>
                  <strong data-testid="latest-total">{formatBytes(latest.totalBytes)}</strong>
                </div>
              )}
              <div className={styles.stat}>
                <span className="meta">Data root full on</span>
                <strong data-testid="fill-date">{trend.fill ? fillShort(trend.fill) : "disk size unknown — needs the host agent"}</strong>
              </div>
            </div>
            <CategoryAreaChart
              data={trend.series}
              domain={[Date.parse(trend.from), Date.parse(trend.to)]}
              label={`Bytes per category over time for ${scope}`}
            />
            {query.data && <DiskForecastTable fills={query.data.fills} />}
            <p className="meta">
              Each poll&apos;s bytes hold until the next poll; growth is the least-squares slope of the total. Dates in UTC; GB = 10^9 bytes.
            </p>
          </>
        )}
      </QueryState>
    </section>
  );
}
