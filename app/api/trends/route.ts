import type { NextRequest } from "next/server";
import { buildTrend } from "@/lib/analysis/trendWindow";
import { parseRequest } from "@/lib/api/request";
import { json, notFound } from "@/lib/api/response";
import { trendsQuery } from "@/lib/api/reportSchema";
import { withApiErrors } from "@/lib/api/withApiErrors";
import { loadTotalsSeries } from "@/lib/store/snapshotSeries";

export const dynamic = "force-dynamic";

// Bytes per category over [from, to) for one host (hostId) or the fleet, growth per day and the fill
// date. The disk's size is unknown until the host agent reports it, so fillDate is null for now.
export const GET = withApiErrors(async (request: NextRequest) => {
  const { query, error } = await parseRequest(request, { query: trendsQuery });
  if (error) return error;
  const hosts = await loadTotalsSeries(query, query.hostId);
  if (query.hostId && hosts.length === 0) return notFound("Host");
  // Bytes held since the newest poll are drawn up to now, not into the future.
  const trend = buildTrend(hosts, { ...query, until: new Date() }, null);
  return json({
    trend: { scope: query.hostId ? "host" : "fleet", hostId: query.hostId ?? null, from: query.from.toISOString(), to: query.to.toISOString(), ...trend },
  });
});
