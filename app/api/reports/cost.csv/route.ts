import type { NextRequest } from "next/server";
import { buildCostReport } from "@/lib/analysis/costReport";
import { costReportCsv, costReportFilename } from "@/lib/api/csv";
import { parseRequest } from "@/lib/api/request";
import { costReportQuery } from "@/lib/api/reportSchema";
import { withApiErrors } from "@/lib/api/withApiErrors";
import { loadReportHosts } from "@/lib/store/snapshotSeries";

export const dynamic = "force-dynamic";

// The cost report as a CSV download; columns in docs/cost-model.md. Same rows as GET /api/reports/cost.
export const GET = withApiErrors(async (request: NextRequest) => {
  const { query, error } = await parseRequest(request, { query: costReportQuery });
  if (error) return error;
  const hosts = await loadReportHosts(query);
  const report = buildCostReport({ hosts, from: query.from, to: query.to, groupBy: query.groupBy });
  return new Response(costReportCsv(report.rows), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${costReportFilename(report.period)}"`,
      "cache-control": "no-store",
    },
  });
});
