import "server-only";
import type { z } from "zod";
import { fillForecasts } from "@/lib/analysis/fillForecast";
import { buildTrend } from "@/lib/analysis/trendWindow";
import { loadDiskReadings } from "@/lib/store/diskHistory";
import { loadTotalsSeries } from "@/lib/store/snapshotSeries";
import type { trendsQuery } from "./reportSchema";
import type { CacheableViewResult } from "./cacheableViewBody";
import { serialisedBody } from "./viewResponseCache";

// /api/trends' finished answer: every good poll's totals of every host in range read and folded (a
// 30-day fleet trend over the SYNTHETIC 20 hosts reads 172,800 snapshot rows: 4.2 s of the request loop
// when it ran there, measured), so it is built off the request loop, in the read worker
// (lib/worker/readTasks.ts), or in process with BALLAST_WORKERS=off; gzipped there with its ETag.

export type TrendsQuery = z.output<typeof trendsQuery>;

export async function trendsBody(query: TrendsQuery): Promise<CacheableViewResult> {
  const hosts = await loadTotalsSeries(query, query.hostId);
  if (query.hostId && hosts.length === 0) return { kind: "not_found", what: "Host" };
  const fills = await Promise.all(
    hosts.map(async (host) => ({ hostId: host.hostId, hostName: host.hostName, forecasts: fillForecasts(await loadDiskReadings(host.hostId, query), query) })),
  );
  const dataRoots = fills.map((host) => host.forecasts[0]).filter((forecast) => forecast !== undefined);
  const soonest = dataRoots.filter((f) => f.fillDate !== null).sort((a, b) => Date.parse(a.fillDate!) - Date.parse(b.fillDate!))[0] ?? dataRoots[0] ?? null;
  // Bytes held since the newest poll are drawn up to now, not into the future.
  const trend = buildTrend(hosts, { ...query, until: new Date() }, soonest, query.hostId ? "host" : "fleet");
  const answer = {
    trend: { scope: query.hostId ? "host" : "fleet", hostId: query.hostId ?? null, from: query.from.toISOString(), to: query.to.toISOString(), ...trend },
    fills,
  };
  return { kind: "body", ...(await serialisedBody(answer)) };
}
