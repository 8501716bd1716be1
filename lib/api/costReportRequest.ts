import "server-only";
import type { NextRequest, NextResponse } from "next/server";
import type { z } from "zod";
import { buildCostReport, type CostReport } from "@/lib/analysis/costReport";
import { loadReportHosts } from "@/lib/store/snapshotSeries";
import { parseRequest } from "./request";
import { costReportQuery } from "./reportSchema";

type Query = z.output<typeof costReportQuery>;

/**
 * The cost report a request asks for (validated query → hosts' snapshots → report), shared by the JSON
 * and CSV routes so both always answer the same rows. `error` is a ready 400 answer.
 */
export async function costReportForRequest(
  request: NextRequest,
): Promise<{ error: NextResponse } | { error?: undefined; query: Query; hosts: Awaited<ReturnType<typeof loadReportHosts>>; report: CostReport }> {
  const { query, error } = await parseRequest(request, { query: costReportQuery });
  if (error) return { error };
  const hosts = await loadReportHosts(query);
  return { query, hosts, report: buildCostReport({ hosts, from: query.from, to: query.to, groupBy: query.groupBy }) };
}
