import "server-only";
import type { FleetHostInput } from "@/lib/analysis/fleetOverview";
import { listHostSummaries } from "./hostSummaries";
import { loadTotalsSeries } from "./snapshotSeries";

/** Growth on the fleet page is read over the last day. */
export const GROWTH_WINDOW_MS = 86_400_000;

/** The fleet page's growth window ending at `now`. */
export function growthWindow(now: Date): { from: Date; to: Date } {
  return { from: new Date(now.getTime() - GROWTH_WINDOW_MS), to: new Date(now.getTime() + 1) };
}

/** Every host as the fleet overview needs it (reclaimable bytes are added by the caller, from suggestions). */
export async function loadFleetHosts(now: Date): Promise<Omit<FleetHostInput, "reclaimableBytes">[]> {
  const [summaries, series] = await Promise.all([listHostSummaries(), loadTotalsSeries(growthWindow(now))]);
  const historyOf = new Map(series.map((s) => [s.hostId, s]));
  return summaries.map(({ host, status, lastError, lastGoodSnapshot: good, fill }) => {
    const t = good?.totals ?? null;
    const history = historyOf.get(host.id);
    return {
      id: host.id,
      name: host.name,
      status,
      statusSince: host.statusSince,
      lastPollAt: host.lastPollAt,
      lastError,
      pricePerGbMonth: host.pricePerGbMonth,
      totals: t && { images: t.imagesBytes, containers: t.containersWritableBytes, volumes: t.volumesBytes, buildCache: t.buildCacheBytes, logs: t.logsBytes },
      disk: good?.disk ? { usedBytes: good.disk.usedBytes, freeBytes: good.disk.freeBytes } : null,
      // The newest poll before the window is included: it tells whether the host was there all along.
      points: history?.points ?? [],
      seriesStartedAt: history?.seriesStartedAt ?? null,
      endedAt: history?.endedAt ?? null,
      // The data root (the agent lists it first), by the one fill rule over the host card's window.
      fill: fill[0] ?? null,
    };
  });
}
