import "server-only";
import type { CategoryPrices } from "@/lib/analysis/cost";
import type { CostReportHost } from "@/lib/analysis/costReport";
import { thinToSteps } from "@/lib/analysis/snapshotThinning";
import type { TotalsPoint } from "@/lib/analysis/trends";
import { db } from "./db";
import { categoryPricesFromEnv } from "./hostSettings";
import { listHosts, type HostDto } from "./hosts";
import { loadHostSnapshot } from "./snapshotReader";
import { toNumber } from "./snapshotMapper";

// Good snapshots of hosts over a time range, for trends (totals only, read from the Snapshot row's
// total columns) and cost reports (full HostSnapshots, thinned to a bounded number per host).
// Both include the newest good snapshot before `from`: its bytes carry into the range.

export type Range = { from: Date; to: Date };

/** A report rebuilds at most this many snapshots per host (see docs/cost-model.md, "Sampling"). */
export const REPORT_MAX_SNAPSHOTS_PER_HOST = 240;

const totalsSelect = {
  id: true,
  takenAt: true,
  layersSizeBytes: true,
  containersWritableBytes: true,
  volumesBytes: true,
  buildCacheBytes: true,
  logsBytes: true,
} as const;

/** Good snapshots of a host in [from, to) plus the one before `from`, oldest first. */
async function snapshotsInRange<S extends { takenAt: true }>(hostId: string, range: Range, select: S) {
  const where = { hostId, status: "ok" };
  const [before, inside] = await Promise.all([
    db().snapshot.findFirst({ where: { ...where, takenAt: { lt: range.from } }, orderBy: { takenAt: "desc" }, select }),
    db().snapshot.findMany({ where: { ...where, takenAt: { gte: range.from, lt: range.to } }, orderBy: { takenAt: "asc" }, select }),
  ]);
  return before ? [before, ...inside] : inside;
}

export type HostTotals = { hostId: string; hostName: string; points: TotalsPoint[] };

/** Per host (all hosts, or the one given): its category totals at each good poll in range. */
export async function loadTotalsSeries(range: Range, hostId?: string): Promise<HostTotals[]> {
  const hosts = (await listHosts()).filter((host) => hostId === undefined || host.id === hostId);
  return Promise.all(
    hosts.map(async (host) => {
      const rows = await snapshotsInRange(host.id, range, totalsSelect);
      const points = rows.map((row) => ({
        takenAt: row.takenAt.toISOString(),
        images: toNumber(row.layersSizeBytes) ?? 0,
        containers: toNumber(row.containersWritableBytes) ?? 0,
        volumes: toNumber(row.volumesBytes) ?? 0,
        buildCache: toNumber(row.buildCacheBytes) ?? 0,
        logs: toNumber(row.logsBytes),
      }));
      return { hostId: host.id, hostName: host.name, points };
    }),
  );
}

export type ReportHost = CostReportHost & { snapshotsInRange: number; snapshotsUsed: number };

async function reportHost(host: HostDto, range: Range, maxPerHost: number, categoryPrices: CategoryPrices): Promise<ReportHost> {
  const refs = (await snapshotsInRange(host.id, range, { id: true, takenAt: true })).map((row) => ({
    id: row.id,
    takenAt: row.takenAt.toISOString(),
  }));
  const kept = thinToSteps(refs, range.from, range.to, maxPerHost);
  const loaded = await Promise.all(kept.map((ref) => loadHostSnapshot(ref.id)));
  return {
    hostId: host.id,
    hostName: host.name,
    pricePerGbMonth: host.pricePerGbMonth,
    categoryPrices,
    snapshots: loaded.filter((snapshot) => snapshot !== null),
    snapshotsInRange: refs.length,
    snapshotsUsed: kept.length,
  };
}

/** Every host with the full snapshots a cost report over the range needs (thinned, see above). */
export async function loadReportHosts(range: Range, maxPerHost = REPORT_MAX_SNAPSHOTS_PER_HOST): Promise<ReportHost[]> {
  const hosts = await listHosts();
  const categoryPrices = categoryPricesFromEnv();
  const result: ReportHost[] = [];
  // One host at a time: SQLite serves one reader well, and a report's memory stays per-host bounded.
  for (const host of hosts) result.push(await reportHost(host, range, maxPerHost, categoryPrices));
  return result;
}
