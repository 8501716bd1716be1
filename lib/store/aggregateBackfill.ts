import "server-only";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { db } from "./db";
import { saveBackfilledAggregates } from "./snapshotAggregates";
import { loadHostSnapshot } from "./snapshotReader";

// Snapshots stored before report aggregates existed (or saved while their host was still being
// backfilled) get them here, oldest first per host, a slice at a time with the event loop let go
// between snapshots: a year of history backfills in the background while the server answers.

const state = globalThis as unknown as { ballastBackfills?: Map<string, Promise<number>> };
const running = () => (state.ballastBackfills ??= new Map());

/** Aggregates up to `slice` of the host's oldest unaggregated good snapshots; returns how many it did. */
export async function backfillAggregateSlice(hostId: string, slice = 50): Promise<number> {
  const pending = await db().snapshot.findMany({
    where: { hostId, status: "ok", aggregatesVersion: null },
    orderBy: { takenAt: "asc" },
    take: slice,
    select: { id: true },
  });
  for (const { id } of pending) {
    const snapshot = await loadHostSnapshot(id);
    if (snapshot) await saveBackfilledAggregates(hostId, id, snapshot);
    await yieldToEventLoop();
  }
  return pending.length;
}

/** Backfills the host completely, slice by slice; concurrent callers share one run per host. */
export function backfillHostAggregates(hostId: string): Promise<number> {
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

/** Whether any good snapshot of the host taken before `before` still lacks aggregates. */
export async function needsBackfill(hostId: string, before: Date): Promise<boolean> {
  const row = await db().snapshot.findFirst({ where: { hostId, status: "ok", aggregatesVersion: null, takenAt: { lt: before } }, select: { id: true } });
  return row !== null;
}

/** Backfills every host that needs it, one host at a time (started with the server). */
export async function backfillAllAggregates(): Promise<number> {
  const hosts = await db().snapshot.findMany({ where: { status: "ok", aggregatesVersion: null }, distinct: ["hostId"], select: { hostId: true } });
  let done = 0;
  for (const { hostId } of hosts) done += await backfillHostAggregates(hostId);
  return done;
}
