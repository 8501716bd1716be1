import { BYTES_PER_GB, CURRENCY, HOURS_PER_MONTH } from "@/lib/analysis/cost";
import { json } from "@/lib/api/response";
import { costReportForRequest } from "@/lib/api/costReportRequest";
import { groupByText } from "@/lib/api/reportSchema";
import { apiRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";

// The cost report as JSON: the same rows GET /api/reports/cost.csv writes, plus the total row the
// CSV leaves out, the prices used and how many snapshots each host contributed.
export const GET = apiRoute("view", async (request) => {
  const loaded = await costReportForRequest(request);
  if (loaded.error) return loaded.error;
  const { query, hosts, report } = loaded;
  return json({
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
  });
});
