import "server-only";
import { snapshotsToRemove, type RetentionPolicy } from "@/lib/analysis/snapshotRetention";
import { db } from "./db";
import { FROM_IDS, fromIdField, handOverPart, PART_KINDS, PART_TABLES } from "./partHandover";
import { pinnedSnapshotIds } from "./retentionPins";
import { snapshotViews } from "./snapshotViewCache";

// One retention pass over every host (issue 12 item 6): which snapshots go is the pure rule in
// lib/analysis/snapshotRetention.ts; this module does it in small transactions so the server never
// blocks (better-sqlite3 runs each statement on the event loop) and a crash between two leaves a
// consistent database. Per host:
//  1. hand over: a doomed snapshot whose rows kept snapshots read (`…FromId`) gives them to the oldest
//     kept reader first (partHandover.ts), one transaction per holder;
//  2. wait `graceMs`: a reader that looked up a holder just before the handover still finds its rows;
//  3. delete, newest first, `sliceSize` snapshots per transaction: a snapshot is always deleted after
//     every later one that read its rows, so no remaining snapshot ever names a deleted holder.
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
const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 1));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const PLAN_PAGE = 2_000;

/** The host's snapshots, read a page at a time (mapping thousands of rows at once blocks the event loop). */
async function listCandidates(hostId: string, options: RetentionPassOptions) {
  const select = { id: true, takenAt: true, status: true, engineId: true } as const;
  const rows: { id: string; takenAt: Date; status: string; engineId: string | null }[] = [];
  for (;;) {
    const last = rows.at(-1);
    const page = await db().snapshot.findMany({
      where: { hostId },
      select,
      orderBy: [{ takenAt: "asc" }, { id: "asc" }],
      take: PLAN_PAGE,
      ...(last ? { cursor: { id: last.id }, skip: 1 } : {}),
    });
    rows.push(...page);
    if (page.length < PLAN_PAGE) return rows;
    await (options.pause ?? macrotask)();
  }
}

/** The host's snapshots the rule removes now (plan only; each step re-checks). */
async function planHost(hostId: string, seriesStartedAt: Date | null, options: RetentionPassOptions): Promise<string[]> {
  const candidates = (await listCandidates(hostId, options)).map((row) => ({
    id: row.id,
    takenAt: row.takenAt.toISOString(),
    status: row.status === "ok" ? ("ok" as const) : ("failed" as const),
    engineId: row.engineId,
  }));
  const pinned = await pinnedSnapshotIds(hostId);
  return snapshotsToRemove(candidates, { now: options.now, policy: options.policy, pinned, seriesStartedAt: seriesStartedAt?.toISOString() ?? null });
}

/** Step 1: holders among `doomed` that a remaining snapshot reads hand their rows to the oldest such reader. */
async function handOverHolders(hostId: string, doomed: Set<string>, options: RetentionPassOptions): Promise<number> {
  let handedOver = 0;
  const ids = [...doomed];
  for (const kind of PART_KINDS) {
    const field = fromIdField(kind);
    for (let start = 0; start < ids.length; start += 200) {
      const readers = await db().snapshot.findMany({ where: { hostId, [field]: { in: ids.slice(start, start + 200) } }, select: { id: true, ...FROM_IDS } });
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
        await (options.pause ?? macrotask)();
      }
    }
  }
  return handedOver;
}

/** Step 3: deletes one slice (newest first overall), skipping what became pinned or read meanwhile. */
async function deleteSlice(hostId: string, slice: string[]): Promise<number> {
  return db().$transaction(async (tx) => {
    const pinned = await pinnedSnapshotIds(hostId, slice, tx);
    const readers = await Promise.all(
      PART_KINDS.map((kind) => tx.snapshot.findMany({ where: { [fromIdField(kind)]: { in: slice }, id: { notIn: slice } }, select: FROM_IDS })),
    );
    const stillRead = new Set(readers.flatMap((rows, i) => rows.map((row) => row[fromIdField(PART_KINDS[i])]!)));
    const ids = slice.filter((id) => !pinned.has(id) && !stillRead.has(id));
    if (ids.length === 0) return 0;
    // The rows go with their snapshot (ON DELETE CASCADE); deleted explicitly so it never depends on
    // the connection's foreign_keys setting.
    for (const tables of Object.values(PART_TABLES))
      for (const table of tables) await tx.$executeRawUnsafe(`DELETE FROM "${table}" WHERE "snapshotId" IN (${ids.map(() => "?").join(",")})`, ...ids);
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
    const remove = await planHost(host.id, host.seriesStartedAt, options);
    if (remove.length === 0) continue;
    plans.push({ hostId: host.id, remove });
    result.partsHandedOver += await handOverHolders(host.id, new Set(remove), options);
  }
  // One grace for the whole pass, not one per host.
  if (result.partsHandedOver > 0) await sleep(options.graceMs ?? 30_000);
  for (const plan of plans) result.snapshotsRemoved += await deleteDoomed(plan.hostId, plan.remove, options);
  return result;
}
