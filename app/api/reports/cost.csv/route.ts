import { costReportCsv, costReportFilename } from "@/lib/api/csv";
import { costReportForRequest } from "@/lib/api/costReportRequest";
import { apiRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";

// The cost report as a CSV download; columns in docs/cost-model.md. Same rows as GET /api/reports/cost.
export const GET = apiRoute("view", async (request) => {
  const loaded = await costReportForRequest(request);
  if (loaded.error) return loaded.error;
  const { report } = loaded;
  return new Response(costReportCsv(report.rows), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${costReportFilename(report.period)}"`,
      "cache-control": "no-store",
    },
  });
});
