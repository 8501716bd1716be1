import "server-only";
import type { FleetHostInput } from "@/lib/analysis/fleetOverview";
import { listHostSummaries } from "./hostSummaries";
import { loadTotalsSeries } from "./snapshotSeries";

/** Growth is read over the last day of each host's own snapshots. */
export const GROWTH_WINDOW_MS = 86_400_000;

/** Every host as the fleet overview needs it (reclaimable bytes are added by the caller, from suggestions). */
export async function loadFleetHosts(now: Date): Promise<Omit<FleetHostInput, "reclaimableBytes">[]> {
  const [summaries, series] = await Promise.all([
    listHostSummaries(),
    loadTotalsSeries({ from: new Date(now.getTime() - GROWTH_WINDOW_MS), to: new Date(now.getTime() + 1) }),
  ]);
  const pointsOf = new Map(series.map((s) => [s.hostId, s.points]));
  return summaries.map(({ host, status, lastError, lastGoodSnapshot: good }) => {
    const t = good?.totals ?? null;
    const from = new Date(now.getTime() - GROWTH_WINDOW_MS).toISOString();
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
      // Only this host's own snapshots inside the window: the one carried in from before is no reading of it.
      points: (pointsOf.get(host.id) ?? []).filter((p) => p.takenAt >= from),
    };
  });
}
