import "server-only";
import type { NextRequest, NextResponse } from "next/server";
import type { z } from "zod";
import { buildCostReport, type CostReport } from "@/lib/analysis/costReport";
import { loadReportHosts, type ReportHost } from "@/lib/store/snapshotSeries";
import { parseRequest } from "./request";
import { costReportQuery } from "./reportSchema";

export type CostReportQuery = z.output<typeof costReportQuery>;

/**
 * The cost report over a validated query, from the store: a plain async function of the query, so it
 * can run wherever the store is reachable (the request loop, a worker, the bench).
 */
export async function costReportFor(query: CostReportQuery): Promise<{ hosts: ReportHost[]; report: CostReport }> {
  const hosts = await loadReportHosts(query);
  return { hosts, report: buildCostReport({ hosts, from: query.from, to: query.to, groupBy: query.groupBy }) };
}

/**
 * The cost report a request asks for (validated query → hosts' aggregates → report), shared by the JSON
 * and CSV routes so both always answer the same rows. `error` is a ready 400 answer.
 */
export async function costReportForRequest(
  request: NextRequest,
): Promise<{ error: NextResponse } | { error?: undefined; query: CostReportQuery; hosts: ReportHost[]; report: CostReport }> {
  const { query, error } = await parseRequest(request, { query: costReportQuery });
  if (error) return { error };
  return { query, ...(await costReportFor(query)) };
}
