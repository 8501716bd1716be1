"use client";
import { useMemo } from "react";
import { lastDays } from "@/lib/analysis/reportPeriods";
import { useTrendQuery } from "@/lib/queries/useTrendQuery";
import { QueryState } from "@/components/ui/QueryState";
import { TrendSummary } from "@/components/trends/TrendSummary";

/** The days the host page's trend covers (UTC days, today included), as the host card's fill date does. */
const HOST_TREND_DAYS = 7;

/** The host's bytes over the last week, its growth by the one rule, and the steps (new engine, disabled) that are not growth. */
export function HostTrend({ hostId, hostName }: { hostId: string; hostName: string }) {
  // Day-aligned, so the range (and the query key) stays put while the page is open.
  const range = useMemo(() => lastDays(new Date(), HOST_TREND_DAYS), []);
  const query = useTrendQuery(range, hostId);
  const trend = query.data?.trend;
  return (
    <section aria-label="Host trend">
      <h3>Bytes over the last {HOST_TREND_DAYS} days</h3>
      <QueryState isLoading={query.isLoading && !query.data} error={query.error} data={query.data} isEmpty={trend?.series.length === 0}>
        {trend && <TrendSummary trend={trend} scopeName={hostName} windowWords={`last ${HOST_TREND_DAYS} days`} />}
      </QueryState>
    </section>
  );
}
