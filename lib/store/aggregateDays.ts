import "server-only";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import zlib from "node:zlib";
import { joinStreams, keyStream, streamFrom, type KeyChange, type KeyState, type KeyStream } from "@/lib/analysis/aggregateDays";
import type { PackedRow } from "@/lib/analysis/snapshotAggregates";
import { db } from "./db";
import { unpackAggregateRows } from "./snapshotAggregates";

// Packs a host's SnapshotAggregate change rows into one AggregateDay row per key and finished UTC day
// (lib/analysis/aggregateDays.ts), and reads a key's stream over a range from those plus the raw rows
// of the days not finished yet. Packed days are derived data: dropped (forgetAggregateDays) whenever
// the rows under them change (backfill, retention) and packed again.

const DAY_MS = 86_400_000;
const dayOf = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;

type Tx = Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0];
type Client = ReturnType<typeof db> | Tx;

type Packed = { s?: PackedRow[] | null; c: ([number, 0, PackedRow[]] | [number, 1, PackedRow[] | null])[] };

function encode(stream: KeyStream): Uint8Array<ArrayBuffer> {
  const packed: Packed = {
    ...(stream.start === undefined ? {} : { s: stream.start }),
    c: stream.changes.map((change) => ("set" in change ? [change.at, 0, change.set] : [change.at, 1, change.replace])),
  };
  return new Uint8Array(zlib.deflateRawSync(JSON.stringify(packed)));
}

function decode(bytes: Uint8Array): KeyStream {
  const packed = JSON.parse(zlib.inflateRawSync(bytes).toString("utf8")) as Packed;
  const changes = packed.c.map(([at, kind, rows]): KeyChange => (kind === 0 ? { at, set: rows as PackedRow[] } : { at, replace: rows }));
  return { start: "s" in packed ? packed.s : undefined, changes };
}

/** The key's stream over [fromMs, toMs) from its raw change rows: the rows in force before `fromMs`, then every change. */
async function rawStream(hostId: string, key: string, fromMs: number, toMs: number): Promise<KeyStream> {
  const select = { takenAt: true, rows: true } as const;
  const before = await db().snapshotAggregate.findFirst({ where: { hostId, key, takenAt: { lt: new Date(fromMs) } }, orderBy: { takenAt: "desc" }, select });
  const inside = await db().snapshotAggregate.findMany({
    where: { hostId, key, takenAt: { gte: new Date(fromMs), lt: new Date(toMs) } },
    orderBy: { takenAt: "asc" },
    select,
  });
  const start: KeyState = before ? unpackAggregateRows(before.rows) : undefined;
  return keyStream(
    start,
    inside.map((row) => ({ at: row.takenAt.getTime(), rows: unpackAggregateRows(row.rows) })),
  );
}

/** Until when the host's rows are final: its newest aggregated good snapshot (later polls only add rows after it). */
async function finalUntil(hostId: string): Promise<number> {
  const newest = await db().snapshot.findFirst({
    where: { hostId, status: "ok", aggregatesVersion: { not: null } },
    orderBy: { takenAt: "desc" },
    select: { takenAt: true },
  });
  return newest ? newest.takenAt.getTime() : -Infinity;
}

async function packDay(hostId: string, key: string, day: number): Promise<KeyStream> {
  const stream = await rawStream(hostId, key, day, day + DAY_MS);
  await db().aggregateDay.upsert({
    where: { hostId_key_day: { hostId, key, day: new Date(day) } },
    create: { hostId, key, day: new Date(day), data: encode(stream) },
    update: { data: encode(stream) },
  });
  return stream;
}

/**
 * A key's stream over [from, to): the rows in force at `from`, then the changes before `to`. Finished
 * days come packed (packed now when missing), the days not finished from the raw rows.
 */
export async function keyStreamOver(hostId: string, key: string, from: Date, to: Date): Promise<KeyStream> {
  const fromMs = from.getTime();
  const toMs = to.getTime();
  const final = await finalUntil(hostId);
  const firstDay = dayOf(fromMs);
  const packed = new Map(
    (await db().aggregateDay.findMany({ where: { hostId, key, day: { gte: new Date(firstDay), lt: new Date(toMs) } } })).map((row) => [
      row.day.getTime(),
      row.data,
    ]),
  );
  const streams: KeyStream[] = [];
  for (let day = firstDay; day < toMs; day += DAY_MS) {
    const data = packed.get(day);
    if (data) streams.push(decode(data));
    else if (day + DAY_MS <= final) streams.push(await packDay(hostId, key, day));
    else {
      streams.push(await rawStream(hostId, key, day, toMs));
      break;
    }
    await yieldToEventLoop();
  }
  const joined = streamFrom(joinStreams(streams), fromMs);
  return { start: joined.start, changes: joined.changes.filter((change) => change.at < toMs) };
}

/** Packs every finished day of every key of the host that is not packed yet, one day at a time. */
export async function packFinishedDays(hostId: string): Promise<number> {
  const final = await finalUntil(hostId);
  const first = await db().snapshotAggregate.findFirst({ where: { hostId }, orderBy: { takenAt: "asc" }, select: { takenAt: true } });
  if (!first) return 0;
  const keys = (await db().aggregateInForce.findMany({ where: { hostId }, select: { key: true } })).map((row) => row.key);
  let done = 0;
  for (const key of keys) {
    const have = new Set((await db().aggregateDay.findMany({ where: { hostId, key }, select: { day: true } })).map((row) => row.day.getTime()));
    for (let day = dayOf(first.takenAt.getTime()); day + DAY_MS <= final; day += DAY_MS) {
      if (have.has(day)) continue;
      await packDay(hostId, key, day);
      done += 1;
      await yieldToEventLoop();
    }
  }
  return done;
}

/**
 * Drops the host's packed days (their rows changed); reports pack them again. With `span`, only the days
 * from `from`'s through `through`'s (null: every later day) — the rows changed only between those times.
 */
export async function forgetAggregateDays(client: Client, hostId: string, span?: { from: Date; through: Date | null }): Promise<void> {
  if (!span) {
    await client.aggregateDay.deleteMany({ where: { hostId } });
    return;
  }
  const day = { gte: new Date(dayOf(span.from.getTime())), ...(span.through ? { lte: new Date(dayOf(span.through.getTime())) } : {}) };
  await client.aggregateDay.deleteMany({ where: { hostId, day } });
}

const packedToday = globalThis as unknown as { ballastPackedDays?: Map<string, number> };

/**
 * After a good poll: the first poll of a new UTC day packs the host's finished days, in the background,
 * a day at a time (a report then finds them packed). At most once per host and day.
 */
export function packAfterPoll(hostId: string, now: number): void {
  const seen = (packedToday.ballastPackedDays ??= new Map());
  if (seen.get(hostId) === dayOf(now)) return;
  seen.set(hostId, dayOf(now));
  void packFinishedDays(hostId).catch((error) => console.error("[ballast] packing report aggregates:", error instanceof Error ? error.message : error));
}
