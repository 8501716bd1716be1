import { buildTrend } from "@/lib/analysis/trendWindow";
import { parseRequest } from "@/lib/api/request";
import { json, notFound } from "@/lib/api/response";
import { trendsQuery } from "@/lib/api/reportSchema";
import { apiRoute } from "@/lib/api/route";
import { loadTotalsSeries } from "@/lib/store/snapshotSeries";
import { fillForecasts } from "@/lib/analysis/fillForecast";
import { loadDiskReadings } from "@/lib/store/diskHistory";

export const dynamic = "force-dynamic";

// Bytes per category over [from, to) for one host (hostId) or the fleet, growth per day by the one rule
// (lib/analysis/trendGrowth.ts: `growth` says over which hosts and span, `steps` the hosts added, removed
// or answering as another engine), and each agent-measured filesystem's fill forecast over the same
// window (`fills`). fillDate is the soonest data-root fill date in scope.
export const GET = apiRoute("view", async (request) => {
  const { query, error } = await parseRequest(request, { query: trendsQuery });
  if (error) return error;
  const hosts = await loadTotalsSeries(query, query.hostId);
  if (query.hostId && hosts.length === 0) return notFound("Host");
  const fills = await Promise.all(
    hosts.map(async (host) => ({ hostId: host.hostId, hostName: host.hostName, forecasts: fillForecasts(await loadDiskReadings(host.hostId, query), query) })),
  );
  const dataRoots = fills.map((host) => host.forecasts[0]).filter((forecast) => forecast !== undefined);
  const soonest = dataRoots.filter((f) => f.fillDate !== null).sort((a, b) => Date.parse(a.fillDate!) - Date.parse(b.fillDate!))[0] ?? dataRoots[0] ?? null;
  // Bytes held since the newest poll are drawn up to now, not into the future.
  const trend = buildTrend(hosts, { ...query, until: new Date() }, soonest, query.hostId ? "host" : "fleet");
  return json({
    trend: { scope: query.hostId ? "host" : "fleet", hostId: query.hostId ?? null, from: query.from.toISOString(), to: query.to.toISOString(), ...trend },
    fills,
  });
});
