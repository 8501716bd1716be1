import "server-only";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { BYTES_PER_GB, CURRENCY, HOURS_PER_MONTH } from "@/lib/analysis/cost";
import type { NextRequest, NextResponse } from "next/server";
import { runReadTask } from "@/lib/worker/readWorker";
import { workersEnabled } from "@/lib/worker/storeWorker";
import { costReportAnswerFor, type CostReportAnswer, type CostReportQuery } from "./costReportRequest";
import { parseRequest } from "./request";
import { costReportQuery } from "./reportSchema";
import { costReportCsv, costReportFilename } from "./csv";
import { groupByText } from "./reportSchema";
import { encodedBodyResponse } from "./viewResponseCache";

// The cost report's answer as the routes send it (GET /api/reports/cost and cost.csv), finished where it
// is built: in the read worker, the JSON or CSV written and gzipped there, and only those bytes moved to
// the request's thread (issue 14: a fleet's report is megabytes of rows; cloning it and writing it out
// held the request loop). The request's thread sends the gzip as it is or inflates it off the loop.

const gzip = promisify(zlib.gzip);

export type CostReportFormat = "json" | "csv";
export type CostReportBodyInput = { query: CostReportQuery; format: CostReportFormat };
export type CostReportBody = { gzip: Uint8Array<ArrayBuffer>; contentType: string; filename: string | null };

/** The JSON route's body: the rows the CSV writes, plus the total row, the prices used and each host's snapshot counts. */
export function costReportJson(query: CostReportQuery, { hosts, report }: CostReportAnswer) {
  return {
    report: {
      ...report,
      from: query.from.toISOString(),
      to: query.to.toISOString(),
      groupBy: groupByText(query.groupBy),
      units: { bytesPerGb: BYTES_PER_GB, hoursPerMonth: HOURS_PER_MONTH, currency: CURRENCY },
      hosts: hosts.map((host) => ({
        hostId: host.hostId,
        hostName: host.hostName,
        pricePerGbMonth: host.pricePerGbMonth ?? null,
        categoryPrices: host.categoryPrices ?? {},
        snapshotsInRange: host.snapshotsInRange,
        snapshotsUsed: host.snapshotsUsed,
      })),
      // Reports read stored aggregates and use every snapshot: nothing is sampled any more (kept for scripts).
      maxSnapshotsPerHost: null,
    },
  };
}

/** The report built, written as JSON or CSV and gzipped (its own buffer: it is transferred, never copied). */
export async function costReportBody({ query, format }: CostReportBodyInput): Promise<CostReportBody> {
  const answer = await costReportAnswerFor(query);
  const text = format === "json" ? JSON.stringify(costReportJson(query, answer)) : costReportCsv(answer.report.rows);
  return {
    gzip: new Uint8Array(await gzip(Buffer.from(text))),
    contentType: format === "json" ? "application/json" : "text/csv; charset=utf-8",
    filename: format === "csv" ? costReportFilename(answer.report.period) : null,
  };
}

/** The HTTP answer: gzipped as built when the client takes it (and the server passes it on), else inflated. */
export function costReportResponse(body: CostReportBody, headers: Headers): Promise<Response> {
  return encodedBodyResponse(body.gzip, headers, {
    "content-type": body.contentType,
    "cache-control": "no-store",
    ...(body.filename ? { "content-disposition": `attachment; filename="${body.filename}"` } : {}),
  });
}

/**
 * The route's answer for a request (validated query → report → bytes): built in the read worker, or on
 * this thread with BALLAST_WORKERS=off. `error` is a ready 400 answer.
 */
export async function costReportAnswerForRequest(request: NextRequest, format: CostReportFormat): Promise<NextResponse | Response> {
  const { query, error } = await parseRequest(request, { query: costReportQuery });
  if (error) return error;
  const input: CostReportBodyInput = { query, format };
  const body = workersEnabled() ? await runReadTask("costReportBody", input, { signal: request.signal }) : await costReportBody(input);
  return costReportResponse(body, request.headers);
}
