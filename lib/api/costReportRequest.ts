import "server-only";
import type { z } from "zod";
import { buildCostReport, type CostReport } from "@/lib/analysis/costReport";
import { loadReportHosts, type ReportHost } from "@/lib/store/snapshotSeries";
import { costReportQuery, groupByText } from "./reportSchema";

export type CostReportQuery = z.output<typeof costReportQuery>;

/**
 * The cost report over a validated query, from the store: a plain async function of the query, so it
 * can run wherever the store is reachable (the request loop, a worker, the bench).
 */
export function costReportFor(query: CostReportQuery): Promise<{ hosts: ReportHost[]; report: CostReport }> {
  // The same query asked again while it is being built (the JSON and the CSV of one page, a double
  // click) shares that build: both read the same stored rows a moment apart.
  const key = `${query.from.toISOString()} ${query.to.toISOString()} ${groupByText(query.groupBy)}`;
  const building = inFlight.get(key);
  if (building) return building;
  const build = (async () => {
    const hosts = await loadReportHosts(query);
    return { hosts, report: buildCostReport({ hosts, from: query.from, to: query.to, groupBy: query.groupBy }) };
  })().finally(() => inFlight.delete(key));
  inFlight.set(key, build);
  return build;
}

const inFlight = new Map<string, Promise<{ hosts: ReportHost[]; report: CostReport }>>();

export type ReportHostSummary = Pick<ReportHost, "hostId" | "hostName" | "pricePerGbMonth" | "categoryPrices" | "snapshotsInRange" | "snapshotsUsed">;
export type CostReportAnswer = { hosts: ReportHostSummary[]; report: CostReport };

/**
 * costReportFor with only what the routes answer of each host (not its loaded series): plain data,
 * cheap to hand from the read worker (lib/worker/readTasks.ts) to the request's thread.
 */
export async function costReportAnswerFor(query: CostReportQuery): Promise<CostReportAnswer> {
  const { hosts, report } = await costReportFor(query);
  const summary = ({ hostId, hostName, pricePerGbMonth, categoryPrices, snapshotsInRange, snapshotsUsed }: ReportHost): ReportHostSummary => ({
    hostId,
    hostName,
    pricePerGbMonth,
    categoryPrices,
    snapshotsInRange,
    snapshotsUsed,
  });
  return { hosts: hosts.map(summary), report };
}
