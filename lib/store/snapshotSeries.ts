import "server-only";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import type { CategoryPrices } from "@/lib/analysis/cost";
import type { CostReportHost } from "@/lib/analysis/costReport";
import type { GroupBy } from "@/lib/analysis/attribution";
import type { HostHistory } from "@/lib/analysis/trendGrowth";
import { db } from "./db";
import { categoryPricesFromEnv } from "./hostSettings";
import { listHosts, type HostDto } from "./hosts";
import { backfillHostAggregates, needsBackfill } from "./aggregateBackfill";
import { loadHostReport } from "./aggregateSeries";
import { loadHostSnapshot } from "./snapshotReader";
import { toNumber } from "./snapshotMapper";

// Good snapshots of hosts over a time range, for trends (totals only, read from the Snapshot row's
// total columns) and cost reports (full HostSnapshots, thinned to a bounded number per host).
// Both include the newest good snapshot before `from`: its bytes carry into the range. Cost reports
// read the stored aggregates (lib/store/aggregateSeries.ts), never full snapshots, and use every poll.

export type Range = { from: Date; to: Date };

const totalsSelect = {
  id: true,
  takenAt: true,
  layersSizeBytes: true,
  containersWritableBytes: true,
  volumesBytes: true,
  buildCacheBytes: true,
  logsBytes: true,
  engineId: true,
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

export type HostTotals = HostHistory;

/**
 * Per host (all hosts, or the one given): its category totals and engine ID at each good poll in range,
 * when its current series began, and (disabled hosts) when it left the fleet: what the growth rule needs.
 */
export async function loadTotalsSeries(range: Range, hostId?: string): Promise<HostTotals[]> {
  const hosts = (await listHosts()).filter((host) => hostId === undefined || host.id === hostId);
  // One host at a time: each host's rows become plain points before the next host's are read, so a
  // fleet month (172,800 rows) never sits in memory as Prisma rows at once.
  const series: HostTotals[] = [];
  // A host's engine ID is the same text on thousands of rows: one string each, not one per row.
  const engineIds = new Map<string, string>();
  const engineId = (id: string | null) => (id === null ? null : (engineIds.get(id) ?? (engineIds.set(id, id), id)));
  for (const host of hosts) {
    const rows = await snapshotsInRange(host.id, range, totalsSelect);
    const points = rows.map((row) => ({
      takenAt: row.takenAt.toISOString(),
      images: toNumber(row.layersSizeBytes) ?? 0,
      containers: toNumber(row.containersWritableBytes) ?? 0,
      volumes: toNumber(row.volumesBytes) ?? 0,
      buildCache: toNumber(row.buildCacheBytes) ?? 0,
      logs: toNumber(row.logsBytes),
      engineId: engineId(row.engineId),
    }));
    series.push({ hostId: host.id, hostName: host.name, points, seriesStartedAt: host.seriesStartedAt, endedAt: host.enabled ? null : host.statusSince });
  }
  return series;
}

export type ReportHost = CostReportHost & { snapshotsInRange: number; snapshotsUsed: number };

/** How many good snapshots a report over the range covers: those inside it and the one carried in. */
async function snapshotCount(hostId: string, range: Range): Promise<number> {
  const where = { hostId, status: "ok" };
  const [before, inside] = await Promise.all([
    db().snapshot.findFirst({ where: { ...where, takenAt: { lt: range.from } }, select: { id: true } }),
    db().snapshot.count({ where: { ...where, takenAt: { gte: range.from, lt: range.to } } }),
  ]);
  return inside + (before ? 1 : 0);
}

async function reportHost(host: HostDto, range: Range & { groupBy: GroupBy }, categoryPrices: CategoryPrices): Promise<ReportHost> {
  // Snapshots from before aggregates existed are aggregated first (sliced, shared with the background run).
  if (await needsBackfill(host.id, range.to)) await backfillHostAggregates(host.id);
  const count = await snapshotCount(host.id, range);
  return {
    hostId: host.id,
    hostName: host.name,
    pricePerGbMonth: host.pricePerGbMonth,
    categoryPrices,
    report: await loadHostReport(host.id, host.name, range.groupBy, range.from, range.to),
    snapshotsInRange: count,
    snapshotsUsed: count,
  };
}

/**
 * Every host with its report points over the range, from the stored aggregates: exact, every good
 * snapshot counts (the points are the polls where the group-by's rows changed).
 */
export async function loadReportHosts(range: Range & { groupBy: GroupBy }): Promise<ReportHost[]> {
  const hosts = await listHosts();
  const categoryPrices = categoryPricesFromEnv();
  const result: ReportHost[] = [];
  // One host at a time: SQLite serves one reader well, and a report's memory stays per-host bounded.
  // The event loop is let go between hosts (reading packed days never waits on anything else).
  for (const host of hosts) {
    result.push(await reportHost(host, range, categoryPrices));
    await yieldToEventLoop();
  }
  return result;
}

/** Full snapshots of every good poll in range for one host (tests compare reports from aggregates with these). */
export async function loadFullSnapshots(hostId: string, range: Range) {
  const refs = await snapshotsInRange(hostId, range, { id: true, takenAt: true });
  const loaded = await Promise.all(refs.map((ref) => loadHostSnapshot(ref.id)));
  return loaded.filter((snapshot) => snapshot !== null);
}
