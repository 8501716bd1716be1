import "server-only";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { forgetAggregateDays, packFinishedDays } from "./aggregateDays";
import { db } from "./db";
import { saveBackfilledAggregates } from "./snapshotAggregates";
import { loadHostSnapshot } from "./snapshotReader";

// Snapshots stored before report aggregates existed (or saved while their host was still being
// backfilled) get them here, oldest first per host, a slice at a time with the event loop let go
// between snapshots: a year of history backfills in the background while the server answers.

const state = globalThis as unknown as {
  ballastBackfills?: Map<string, Promise<number>>;
  /** Set in the read worker (lib/worker/readWorkerEntry.ts): the store worker backfills, so one run per host in the process. */
  ballastBackfillBridge?: (hostId: string) => Promise<number>;
};
const running = () => (state.ballastBackfills ??= new Map());

/** Aggregates up to `slice` of the host's oldest unaggregated good snapshots; returns how many it did. */
export async function backfillAggregateSlice(hostId: string, slice = 50): Promise<number> {
  const pending = await db().snapshot.findMany({
    where: { hostId, status: "ok", aggregatesVersion: null },
    orderBy: { takenAt: "asc" },
    take: slice,
    select: { id: true },
  });
  // Rows are added under days that may be packed already (a backlog behind newer polls): pack again.
  if (pending.length > 0) await forgetAggregateDays(db(), hostId);
  for (const { id } of pending) {
    const snapshot = await loadHostSnapshot(id);
    if (snapshot) await saveBackfilledAggregates(hostId, id, snapshot);
    await yieldToEventLoop();
  }
  return pending.length;
}

/** Backfills the host completely, slice by slice; concurrent callers share one run per host. */
export function backfillHostAggregates(hostId: string): Promise<number> {
  if (state.ballastBackfillBridge) return state.ballastBackfillBridge(hostId);
  const existing = running().get(hostId);
  if (existing) return existing;
  const run = (async () => {
    let done = 0;
    for (let count = -1; count !== 0; done += count) count = await backfillAggregateSlice(hostId);
    return done;
  })().finally(() => running().delete(hostId));
  running().set(hostId, run);
  return run;
}

/**
 * Whether any good snapshot of the host taken before `before` still lacks aggregates. Aggregated
 * snapshots are a prefix in time, so it is enough to look at the newest one before `before` (one
 * indexed row, not a scan of the host's history).
 */
export async function needsBackfill(hostId: string, before: Date): Promise<boolean> {
  const newest = await db().snapshot.findFirst({
    where: { hostId, status: "ok", takenAt: { lt: before } },
    orderBy: { takenAt: "desc" },
    select: { aggregatesVersion: true },
  });
  return newest !== null && newest.aggregatesVersion === null;
}

/** Backfills every host that needs it, then packs every host's finished days, one host at a time (started with the server). */
export async function backfillAllAggregates(): Promise<number> {
  const hosts = await db().snapshot.findMany({ where: { status: "ok", aggregatesVersion: null }, distinct: ["hostId"], select: { hostId: true } });
  let done = 0;
  for (const { hostId } of hosts) done += await backfillHostAggregates(hostId);
  for (const { id } of await db().host.findMany({ select: { id: true } })) await packFinishedDays(id);
  return done;
}
