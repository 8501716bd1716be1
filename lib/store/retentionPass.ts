import "server-only";
import type { RetentionPolicy } from "@/lib/analysis/snapshotRetention";
import { backfillHostAggregates, needsBackfill } from "./aggregateBackfill";
import { db } from "./db";
import { changingSnapshotKeys } from "./snapshotViewKey";
import { FROM_IDS, fromIdField, HANDED_OVER, HANDED_OVER_KINDS, handOverPart } from "./partHandover";
import { carryAggregatesForward } from "./snapshotAggregates";
import { PART_KINDS } from "./snapshotParts";
import { pinnedSnapshotIds } from "./retentionPins";
import { planHostRetention } from "./retentionPlan";
import { snapshotViews } from "./snapshotViewCache";

// One retention pass over every host (issue 12 item 6): which snapshots go is the pure rule in
// lib/analysis/snapshotRetention.ts (planned in retentionPlan.ts); this module does it in small
// transactions so the server never blocks (better-sqlite3 runs each statement on the event loop) and a
// crash between two leaves a consistent database. Per host:
//  1. hand over: a doomed snapshot whose container, volume or build-cache rows kept snapshots read
//     (`…FromId`) gives them to the oldest kept reader first (partHandover.ts), one transaction per holder;
//     image parts are never handed over: the plan keeps every snapshot of a chain a kept one reads;
//  2. wait `graceMs`: a reader that looked up a holder just before the handover still finds its rows;
//  3. delete, newest first, `sliceSize` snapshots per transaction: a snapshot is always deleted after
//     every later one that read its rows, so no remaining snapshot ever names a deleted holder. Report
//     aggregates held by a deleted snapshot move to the next kept one first (carryAggregatesForward).
// A host whose report aggregates are not all written yet is backfilled first: carrying them forward
// needs every deleted snapshot's change points.
// Each transaction checks again what the plan assumed (pins, readers): a suggestion or snapshot written
// meanwhile wins, and what it protects waits for the next pass.

export type RetentionPassOptions = {
  now: Date;
  policy: RetentionPolicy;
  /** Snapshots deleted per transaction. */
  sliceSize?: number;
  graceMs?: number;
  /** Awaited between transactions (default: a macrotask, so requests waiting get served). */
  pause?: () => Promise<void>;
  /** Tests: called after each committed transaction (a crash test kills the process here). */
  afterCommit?: (step: "handover" | "delete") => void | Promise<void>;
};

export type RetentionPassResult = { snapshotsRemoved: number; partsHandedOver: number; hosts: number };

// ~15 container rows per snapshot of a busy host: 50 snapshots is a transaction of a few ms.
const DEFAULT_SLICE = 50;
const IN_CHUNK = 200;
const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 1));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Step 1: holders among `doomed` that a remaining snapshot reads hand their rows to the oldest such reader. */
async function handOverHolders(hostId: string, doomed: Set<string>, options: RetentionPassOptions): Promise<number> {
  const pause = options.pause ?? macrotask;
  let handedOver = 0;
  const ids = [...doomed];
  for (const kind of HANDED_OVER_KINDS) {
    const field = fromIdField(kind);
    for (let start = 0; start < ids.length; start += IN_CHUNK) {
      const readers = await db().snapshot.findMany({
        where: { hostId, [field]: { in: ids.slice(start, start + IN_CHUNK) } },
        select: { id: true, ...FROM_IDS },
      });
      const holders = [...new Set(readers.filter((r) => !doomed.has(r.id)).map((r) => r[field]!))];
      for (const holderId of holders) {
        const moved = await db().$transaction(async (tx) => {
          // Again inside the transaction: the oldest reader of this holder that stays.
          const all = await tx.snapshot.findMany({ where: { hostId, [field]: holderId }, orderBy: [{ takenAt: "asc" }, { id: "asc" }], select: { id: true } });
          const heir = all.find((reader) => !doomed.has(reader.id));
          if (!heir) return false;
          await handOverPart(tx, hostId, kind, holderId, heir.id);
          return true;
        });
        if (moved) {
          handedOver += 1;
          await options.afterCommit?.("handover");
        }
        await pause();
      }
    }
  }
  return handedOver;
}

type Tx = Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0];

/** Of `slice`, the snapshots a snapshot outside it still reads (a part's holder, an image delta's base). */
async function stillRead(tx: Tx, hostId: string, slice: string[]): Promise<Set<string>> {
  const readers = await tx.snapshot.findMany({
    where: { hostId, id: { notIn: slice }, OR: PART_KINDS.map((kind) => ({ [fromIdField(kind)]: { in: slice } })) },
    select: FROM_IDS,
  });
  const read = new Set(readers.flatMap((row) => PART_KINDS.map((kind) => row[fromIdField(kind)])).filter((id): id is string => id !== null));
  const marks = slice.map(() => "?").join(",");
  const deltas = await tx.$queryRawUnsafe<{ prevId: string | null; baseId: string | null }[]>(
    `SELECT "prevId", "baseId" FROM "SnapshotImagePart" WHERE ("prevId" IN (${marks}) OR "baseId" IN (${marks})) AND "snapshotId" NOT IN (${marks})`,
    ...slice,
    ...slice,
    ...slice,
  );
  for (const delta of deltas) for (const id of [delta.prevId, delta.baseId]) if (id) read.add(id);
  return new Set(slice.filter((id) => read.has(id)));
}

/** Step 3: deletes one slice (newest first overall), skipping what became pinned or read meanwhile. */
async function deleteSlice(hostId: string, slice: string[]): Promise<number> {
  // Cached views' snapshot keys (snapshotViewKey.ts) of this thread are not used while it deletes, and forgotten after.
  return changingSnapshotKeys(() => deleteSliceRows(hostId, slice));
}

async function deleteSliceRows(hostId: string, slice: string[]): Promise<number> {
  return db().$transaction(async (tx) => {
    const [pinned, read] = await Promise.all([pinnedSnapshotIds(hostId, slice, tx), stillRead(tx, hostId, slice)]);
    const ids = slice.filter((id) => !pinned.has(id) && !read.has(id));
    if (ids.length === 0) return 0;
    await carryAggregatesForward(tx, hostId, ids);
    // The rows go with their snapshot (ON DELETE CASCADE); deleted explicitly so it never depends on
    // the connection's foreign_keys setting.
    const marks = ids.map(() => "?").join(",");
    for (const table of [...Object.values(HANDED_OVER).flat(), "SnapshotImagePart", "SnapshotAggregate"])
      await tx.$executeRawUnsafe(`DELETE FROM "${table}" WHERE "snapshotId" IN (${marks})`, ...ids);
    const { count } = await tx.snapshot.deleteMany({ where: { id: { in: ids }, hostId } });
    return count;
  });
}

/** Step 3 for one host: its doomed snapshots, newest first (a reader is always newer than its holder). */
async function deleteDoomed(hostId: string, remove: string[], options: RetentionPassOptions): Promise<number> {
  const order = [...remove].reverse();
  const size = options.sliceSize ?? DEFAULT_SLICE;
  let removed = 0;
  for (let start = 0; start < order.length; start += size) {
    removed += await deleteSlice(hostId, order.slice(start, start + size));
    await options.afterCommit?.("delete");
    await (options.pause ?? macrotask)();
  }
  snapshotViews().forgetHost(hostId);
  return removed;
}

/** Thins every host's snapshots once (see the top of this file). */
export async function runRetentionPass(options: RetentionPassOptions): Promise<RetentionPassResult> {
  const hosts = await db().host.findMany({ select: { id: true, seriesStartedAt: true }, orderBy: { createdAt: "asc" } });
  const result: RetentionPassResult = { snapshotsRemoved: 0, partsHandedOver: 0, hosts: hosts.length };
  const plans: { hostId: string; remove: string[] }[] = [];
  for (const host of hosts) {
    // Report aggregates are change points relative to the poll before: a host still being backfilled
    // (snapshots from before aggregates existed) is finished first, from the full history.
    if (await needsBackfill(host.id, options.now)) await backfillHostAggregates(host.id);
    const remove = await planHostRetention(host, options.now, options.policy, options.pause ?? macrotask);
    if (remove.length === 0) continue;
    plans.push({ hostId: host.id, remove });
    result.partsHandedOver += await handOverHolders(host.id, new Set(remove), options);
  }
  // One grace for the whole pass, not one per host.
  if (result.partsHandedOver > 0) await sleep(options.graceMs ?? 30_000);
  for (const plan of plans) result.snapshotsRemoved += await deleteDoomed(plan.hostId, plan.remove, options);
  return result;
}
