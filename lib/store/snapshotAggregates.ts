import "server-only";
import crypto from "node:crypto";
import zlib from "node:zlib";
import type { HostSnapshot } from "@/lib/collect/schema";
import { applyRowsDelta, composeDeltas, rowsDelta, RowsReplay, type RowsDelta } from "@/lib/analysis/aggregateDeltas";
import { snapshotAggregates, type AggregateKey, type PackedRow } from "@/lib/analysis/snapshotAggregates";
import { rewriteDaysAfterRetention } from "./aggregateDays";
import { db } from "./db";

// Writes a snapshot's report aggregates (lib/analysis/snapshotAggregates.ts) as change points: only the
// keys whose rows differ from the host's rows in force (AggregateInForce) get a row, and that row is a
// delta against the key's previous one (lib/analysis/aggregateDeltas.ts) unless its chain is long
// enough: a busy host's "image" key changes by a few groups a poll, not by 16 kB (issue 14). Each host's
// aggregated snapshots are a prefix of its good snapshots in time: a poll aggregates only when the
// host's previous good snapshot is aggregated, and the backfill extends the prefix in order, so every
// change point is relative to the poll just before it.

/** Bump (and clear the tables in a migration) when what is stored changes: the backfill rewrites it all. */
export const AGGREGATES_VERSION = 1;

type Tx = Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0];

/** The hash stored with a key's rows (and in AggregateInForce). */
export const aggregateRowsHash = (rows: PackedRow[] | null) =>
  rows === null ? "absent" : crypto.createHash("sha256").update(JSON.stringify(rows)).digest("base64url").slice(0, 22);

export const packAggregateRows = (rows: PackedRow[]): Uint8Array<ArrayBuffer> => new Uint8Array(zlib.deflateRawSync(JSON.stringify(rows)));

export const unpackAggregateRows = (bytes: Uint8Array | null): PackedRow[] | null =>
  bytes === null ? null : (JSON.parse(zlib.inflateRawSync(bytes).toString("utf8")) as PackedRow[]);

/** A key's rows are stored in full again after this many deltas in a row: a reader replays at most this many. */
export const MAX_AGGREGATE_DELTAS = 64;

export const packAggregateDelta = (delta: RowsDelta): Uint8Array<ArrayBuffer> =>
  new Uint8Array(zlib.deflateRawSync(JSON.stringify([delta.set, delta.removed])));

export function unpackAggregateDelta(bytes: Uint8Array | null): RowsDelta {
  if (bytes === null) throw new BrokenAggregateChainError("a delta without rows");
  const [set, removed] = JSON.parse(zlib.inflateRawSync(bytes).toString("utf8")) as [PackedRow[], [string, number][]];
  return { set, removed };
}

export class BrokenAggregateChainError extends Error {
  constructor(what: string) {
    super(`report aggregates: ${what}`);
    this.name = "BrokenAggregateChainError";
  }
}

/** A stored row as the replay needs it. */
type StoredRow = { depth: number; rows: Uint8Array | null };

/** Applies one stored row (full rows or a delta) to a replay of its key. */
function replayRow(replay: RowsReplay, row: StoredRow): void {
  if (row.depth === 0) replay.full(unpackAggregateRows(row.rows));
  else if (!replay.delta(unpackAggregateDelta(row.rows))) throw new BrokenAggregateChainError("a delta with no full rows before it");
}

/** A full row's rows, which a delta after it applies to (never absent: no delta is made against an absent key). */
function fullRowsOf(row: StoredRow): PackedRow[] {
  const rows = unpackAggregateRows(row.rows);
  if (rows === null) throw new BrokenAggregateChainError("a delta after an absent key");
  return rows;
}

type Client = ReturnType<typeof db> | Tx;

/** The newest full row of the key at or before `at` (default: the newest of all); a replay starts there. */
async function keyframeAtOrBefore(client: Client, hostId: string, key: string, at?: Date) {
  return client.snapshotAggregate.findFirst({
    where: { hostId, key, depth: 0, ...(at ? { takenAt: { lte: at } } : {}) },
    orderBy: { takenAt: "desc" },
    select: { takenAt: true },
  });
}

/**
 * The key's rows over [fromMs, toMs): those in force before `fromMs` (undefined: none), then the full
 * rows at each stored change inside, replayed from the key's full row at or before the first one needed.
 */
export async function aggregateRowsOver(
  hostId: string,
  key: string,
  fromMs: number,
  toMs: number,
  client: Client = db(),
): Promise<{ start: PackedRow[] | null | undefined; inside: { at: number; rows: PackedRow[] | null }[] }> {
  const from = new Date(fromMs);
  const before = await client.snapshotAggregate.findFirst({
    where: { hostId, key, takenAt: { lt: from } },
    orderBy: { takenAt: "desc" },
    select: { takenAt: true, depth: true },
  });
  let replayFrom = from;
  if (before) {
    const keyframe = before.depth === 0 ? before : await keyframeAtOrBefore(client, hostId, key, before.takenAt);
    if (!keyframe) throw new BrokenAggregateChainError(`key ${key} of host ${hostId} has deltas and no full rows before them`);
    replayFrom = keyframe.takenAt;
  }
  const rows = await client.snapshotAggregate.findMany({
    where: { hostId, key, takenAt: { gte: replayFrom, lt: new Date(toMs) } },
    orderBy: { takenAt: "asc" },
    select: { takenAt: true, depth: true, rows: true },
  });
  const replay = new RowsReplay();
  let start: PackedRow[] | null | undefined = undefined;
  const inside: { at: number; rows: PackedRow[] | null }[] = [];
  for (const [index, row] of rows.entries()) {
    if (row.takenAt >= from && (index === 0 || rows[index - 1].takenAt < from)) start = replay.rows();
    replayRow(replay, row);
    if (row.takenAt >= from) inside.push({ at: row.takenAt.getTime(), rows: replay.rows() ?? null });
  }
  if (inside.length === 0) start = replay.rows();
  return { start, inside };
}

/** The key's newest stored row replayed: its rows, its depth, and the bytes its chain holds (full row, deltas). */
async function newestRows(tx: Tx, hostId: string, key: string) {
  const keyframe = await keyframeAtOrBefore(tx, hostId, key);
  if (!keyframe) return null;
  const chain = await tx.snapshotAggregate.findMany({
    where: { hostId, key, takenAt: { gte: keyframe.takenAt } },
    orderBy: { takenAt: "asc" },
    select: { depth: true, rows: true },
  });
  const replay = new RowsReplay();
  for (const row of chain) replayRow(replay, row);
  const last = chain.at(-1)!;
  return {
    rows: replay.rows() ?? null,
    depth: last.depth,
    keyframeBytes: chain[0].rows?.length ?? 0,
    deltaBytes: chain.slice(1).reduce((sum, row) => sum + (row.rows?.length ?? 0), 0),
  };
}

/** The row to store for `rows`: a delta against the key's newest rows when that chain stays short, else the full rows. */
async function storedForm(tx: Tx, hostId: string, key: string, rows: PackedRow[] | null): Promise<{ rows: Uint8Array<ArrayBuffer> | null; depth: number }> {
  const full = rows === null ? null : packAggregateRows(rows);
  if (rows === null || full === null) return { rows: null, depth: 0 };
  const previous = await newestRows(tx, hostId, key);
  if (!previous || previous.rows === null || previous.depth >= MAX_AGGREGATE_DELTAS) return { rows: full, depth: 0 };
  const delta = rowsDelta(previous.rows, rows);
  if (!delta) return { rows: full, depth: 0 };
  const packed = packAggregateDelta(delta);
  // The deltas since the full row may hold at most as many bytes as it: a replay reads at most twice a full row.
  if (packed.length >= full.length || previous.deltaBytes + packed.length > Math.max(previous.keyframeBytes, full.length)) return { rows: full, depth: 0 };
  return { rows: packed, depth: previous.depth + 1 };
}

/**
 * Writes the snapshot's changed aggregate keys. Runs inside the snapshot's transaction, which marks the
 * snapshot aggregated only when the host's previous good snapshot is (else the backfill does it, in order).
 */
export async function saveAggregates(tx: Tx, hostId: string, snapshotId: string, snapshot: HostSnapshot): Promise<void> {
  await writeChangedKeys(tx, hostId, snapshotId, new Date(snapshot.takenAt), snapshotAggregates(snapshot));
}

async function writeChangedKeys(tx: Tx, hostId: string, snapshotId: string, takenAt: Date, aggregates: Map<AggregateKey, PackedRow[]>) {
  const inForce = new Map((await tx.aggregateInForce.findMany({ where: { hostId } })).map((row) => [row.key, row.hash]));
  const changed: { key: string; rows: PackedRow[] | null; hash: string }[] = [];
  for (const [key, rows] of aggregates) {
    const hash = aggregateRowsHash(rows);
    if (inForce.get(key) !== hash) changed.push({ key, rows, hash });
  }
  // A label key in force that this snapshot no longer carries: from here on everything is unattributed for it.
  for (const [key, hash] of inForce)
    if (!aggregates.has(key) && hash !== aggregateRowsHash(null)) changed.push({ key, rows: null, hash: aggregateRowsHash(null) });
  if (changed.length === 0) return;
  const data = [];
  for (const { key, rows, hash } of changed) data.push({ snapshotId, hostId, takenAt, key, hash, ...(await storedForm(tx, hostId, key, rows)) });
  await tx.snapshotAggregate.createMany({ data });
  // Three statements whatever the number of changed keys (a poll's cost grows with the keys otherwise).
  await tx.aggregateInForce.deleteMany({ where: { hostId, key: { in: changed.map((change) => change.key) } } });
  await tx.aggregateInForce.createMany({ data: changed.map(({ key, hash }) => ({ hostId, key, hash })) });
}

/** Writes the aggregates of one snapshot being backfilled (its predecessors are aggregated). */
export async function saveBackfilledAggregates(hostId: string, snapshotId: string, snapshot: HostSnapshot): Promise<void> {
  const aggregates = snapshotAggregates(snapshot);
  await db().$transaction(async (tx) => {
    await writeChangedKeys(tx, hostId, snapshotId, new Date(snapshot.takenAt), aggregates);
    await tx.snapshot.update({ where: { id: snapshotId }, data: { aggregatesVersion: AGGREGATES_VERSION } });
  });
}

/**
 * Before retention deletes snapshots: their aggregate rows move to the next kept good snapshot of the
 * host (unless it has its own row for that key, which supersedes them), so the rows in force at every
 * remaining snapshot stay what its own full snapshot gives. Call inside the deleting transaction.
 */
export async function carryAggregatesForward(tx: Tx, hostId: string, deletedIds: string[]): Promise<void> {
  const deleted = new Set(deletedIds);
  const holders = await tx.snapshot.findMany({
    where: { hostId, id: { in: deletedIds }, aggregates: { some: {} } },
    orderBy: { takenAt: "desc" },
    select: { id: true, takenAt: true },
  });
  // Where rows move, the snapshots in [holder, next kept one) are gone: the packed days there are
  // rewritten as a run without changes (rewriteDaysAfterRetention), never packed again from the rows
  // (dropping every day made each report after a retention slice repack the whole month, ~30 s for 20
  // hosts; dropping the touched days still cost the first report after a slice 1.2 s). Days outside keep
  // their rows in force unchanged. Holders with the same next kept snapshot are one run.
  const runs = new Map<string, { from: number; to: number }>();
  for (const holder of holders) {
    const later = await tx.snapshot.findMany({
      where: { hostId, status: "ok", takenAt: { gt: holder.takenAt } },
      orderBy: { takenAt: "asc" },
      select: { id: true, takenAt: true },
      take: deleted.size + 1,
    });
    const next = later.find((row) => !deleted.has(row.id));
    if (!next) {
      // No kept snapshot after it: its rows go with it, and the rows before it stay in force from then on.
      runs.set("end", { from: Math.min(runs.get("end")?.from ?? Infinity, holder.takenAt.getTime()), to: Infinity });
      continue;
    }
    const run = runs.get(next.id);
    runs.set(next.id, { from: Math.min(run?.from ?? Infinity, holder.takenAt.getTime()), to: next.takenAt.getTime() });
    const own = new Map((await tx.snapshotAggregate.findMany({ where: { snapshotId: next.id } })).map((row) => [row.key, row]));
    const rows = await tx.snapshotAggregate.findMany({ where: { snapshotId: holder.id } });
    const moved = rows.filter((row) => !own.has(row.key));
    if (moved.length > 0) {
      await tx.snapshotAggregate.createMany({ data: moved.map((row) => ({ ...row, snapshotId: next.id, takenAt: next.takenAt })) });
    }
    // The next kept snapshot's own delta was made against the holder's rows: fold the holder's row into it
    // (full rows stay full, with the delta applied; a delta becomes one delta doing both).
    for (const row of rows) {
      const mine = own.get(row.key);
      if (!mine || mine.depth === 0) continue;
      const data =
        row.depth === 0
          ? { rows: packAggregateRows(applyRowsDelta(fullRowsOf(row), unpackAggregateDelta(mine.rows))), depth: 0 }
          : { rows: packAggregateDelta(composeDeltas(unpackAggregateDelta(row.rows), unpackAggregateDelta(mine.rows))) };
      await tx.snapshotAggregate.update({ where: { snapshotId_key: { snapshotId: next.id, key: row.key } }, data });
    }
    await tx.snapshotAggregate.deleteMany({ where: { snapshotId: holder.id } });
  }
  await rewriteDaysAfterRetention(tx, hostId, [...runs.values()]);
}
