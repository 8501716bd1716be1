import "server-only";
import crypto from "node:crypto";
import zlib from "node:zlib";
import type { HostSnapshot } from "@/lib/collect/schema";
import { snapshotAggregates, type AggregateKey, type PackedRow } from "@/lib/analysis/snapshotAggregates";
import { forgetAggregateDays } from "./aggregateDays";
import { db } from "./db";

// Writes a snapshot's report aggregates (lib/analysis/snapshotAggregates.ts) as change points: only the
// keys whose rows differ from the host's rows in force (AggregateInForce) get a row. Each host's
// aggregated snapshots are a prefix of its good snapshots in time: a poll aggregates only when the
// host's previous good snapshot is aggregated, and the backfill extends the prefix in order, so every
// change point is relative to the poll just before it.

/** Bump (and clear the tables in a migration) when what is stored changes: the backfill rewrites it all. */
export const AGGREGATES_VERSION = 1;

type Tx = Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0];

const hashOf = (rows: PackedRow[] | null) =>
  rows === null ? "absent" : crypto.createHash("sha256").update(JSON.stringify(rows)).digest("base64url").slice(0, 22);

export const packAggregateRows = (rows: PackedRow[]): Uint8Array<ArrayBuffer> => new Uint8Array(zlib.deflateRawSync(JSON.stringify(rows)));

export const unpackAggregateRows = (bytes: Uint8Array | null): PackedRow[] | null =>
  bytes === null ? null : (JSON.parse(zlib.inflateRawSync(bytes).toString("utf8")) as PackedRow[]);

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
    const hash = hashOf(rows);
    if (inForce.get(key) !== hash) changed.push({ key, rows, hash });
  }
  // A label key in force that this snapshot no longer carries: from here on everything is unattributed for it.
  for (const [key, hash] of inForce) if (!aggregates.has(key) && hash !== hashOf(null)) changed.push({ key, rows: null, hash: hashOf(null) });
  if (changed.length === 0) return;
  await tx.snapshotAggregate.createMany({
    data: changed.map(({ key, rows, hash }) => ({ snapshotId, hostId, takenAt, key, hash, rows: rows === null ? null : packAggregateRows(rows) })),
  });
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
  // The packed days from the oldest holder's to the newest receiver's were built from the rows that
  // move: only those are packed again (dropping every day made each report after a retention slice
  // repack the whole month, ~30 s for 20 hosts). Days outside keep their rows in force unchanged.
  let until: Date | null = null;
  let unbounded = false;
  for (const holder of holders) {
    const later = await tx.snapshot.findMany({
      where: { hostId, status: "ok", takenAt: { gt: holder.takenAt } },
      orderBy: { takenAt: "asc" },
      select: { id: true, takenAt: true },
      take: deleted.size + 1,
    });
    const next = later.find((row) => !deleted.has(row.id));
    if (!next) {
      unbounded = true;
      continue;
    }
    if (!until || next.takenAt > until) until = next.takenAt;
    const own = new Set((await tx.snapshotAggregate.findMany({ where: { snapshotId: next.id }, select: { key: true } })).map((row) => row.key));
    const rows = await tx.snapshotAggregate.findMany({ where: { snapshotId: holder.id } });
    const moved = rows.filter((row) => !own.has(row.key));
    if (moved.length > 0) {
      await tx.snapshotAggregate.createMany({ data: moved.map((row) => ({ ...row, snapshotId: next.id, takenAt: next.takenAt })) });
    }
    await tx.snapshotAggregate.deleteMany({ where: { snapshotId: holder.id } });
  }
  const oldest = holders.at(-1);
  if (oldest) await forgetAggregateDays(tx, hostId, { from: oldest.takenAt, through: unbounded ? null : until });
}
