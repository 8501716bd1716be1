import "server-only";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import zlib from "node:zlib";
import { keyStream, type KeyStream } from "@/lib/analysis/aggregateDays";
import { reportEvents } from "@/lib/analysis/aggregateEvents";
import { decodeSpan, encodeSpan, packSpan, spansWithoutRuns, type PackedSpan, type RemovedRun, type SpanRange } from "@/lib/analysis/reportSpans";
import { CATEGORY_KEY, groupByOf } from "@/lib/analysis/snapshotAggregates";
import { db } from "./db";
import { aggregateRowsOver } from "./snapshotAggregates";

// Packs a host's SnapshotAggregate change rows into one AggregateDay row per key and finished UTC day:
// the day's report events for that key with its exact Σ bytes × ms (lib/analysis/reportSpans.ts), so a
// month's report adds 30 sums per host and replays only the steps its peaks need. The day not finished
// yet is packed by finished hour (rows of key "hour:<key>" whose `day` is the hour; dropped once the day
// is packed), so only the polls of the current hour are read raw at each report. Packed spans are derived
// data: dropped (forgetAggregateDays) whenever the rows under them change (backfill, retention) and
// packed again.

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const dayOf = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;
/** Where the finished hours of a day not finished yet are packed. */
const hourKey = (key: string) => `hour:${key}`;

/** Bumped when what a packed day holds changes: rows of another version are packed again when read. */
const PACKED_VERSION = 3;

type Tx = Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0];
type Client = ReturnType<typeof db> | Tx;

const encode = (span: PackedSpan) => new Uint8Array(zlib.deflateRawSync(encodeSpan(span, PACKED_VERSION)));

/** The packed span, or null for a row of an older version (packed again). */
function decode(bytes: Uint8Array): PackedSpan | null {
  return decodeSpan(zlib.inflateRawSync(bytes), PACKED_VERSION);
}

/** The key's stream over [fromMs, toMs) from its raw change rows: the rows in force before `fromMs`, then every change. */
async function rawStream(hostId: string, key: string, fromMs: number, toMs: number): Promise<KeyStream> {
  const { start, inside } = await aggregateRowsOver(hostId, key, fromMs, toMs);
  return keyStream(start, inside);
}

/**
 * The key's report events over [fromMs, toMs) packed, from the raw rows of the category key and the key
 * (a label key the snapshot does not carry follows the categories). Groups as stored: the category
 * key's group is "" (the host's name, or the category's, is put in when a report reads it).
 */
async function rawSpan(hostId: string, key: string, fromMs: number, toMs: number): Promise<PackedSpan> {
  const categories = await rawStream(hostId, CATEGORY_KEY, fromMs, toMs);
  const own = key === CATEGORY_KEY ? null : await rawStream(hostId, key, fromMs, toMs);
  const events = reportEvents(groupByOf(key), "", (group) => group, categories, own);
  return packSpan(events, fromMs, toMs);
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

/** Packs [start, start + length) of the key (a finished day or hour) and stores it under `start`. */
async function packSpanAt(hostId: string, key: string, start: number, length: number): Promise<PackedSpan> {
  const span = await rawSpan(hostId, key, start, start + length);
  const data = encode(span);
  const stored = length === DAY_MS ? key : hourKey(key);
  await db().aggregateDay.upsert({
    where: { hostId_key_day: { hostId, key: stored, day: new Date(start) } },
    create: { hostId, key: stored, day: new Date(start), data },
    update: { data },
  });
  // A packed day replaces the hours packed while it was not finished.
  if (length === DAY_MS)
    await db().aggregateDay.deleteMany({ where: { hostId, key: hourKey(key), day: { gte: new Date(start), lt: new Date(start + DAY_MS) } } });
  return span;
}

/** One span of a key's packed report events: [from, to) in ms. */
export type SpanOf = { span: PackedSpan; from: number; to: number };

/**
 * A key's packed report events covering [from, to), oldest first: finished days packed (packed now when
 * missing), then the days not finished from the raw rows, in one span up to `to`.
 */
export async function reportSpansOver(hostId: string, key: string, from: Date, to: Date): Promise<SpanOf[]> {
  const fromMs = from.getTime();
  const toMs = to.getTime();
  const final = await finalUntil(hostId);
  const firstDay = dayOf(fromMs);
  const rows = await db().aggregateDay.findMany({ where: { hostId, key: { in: [key, hourKey(key)] }, day: { gte: new Date(firstDay), lt: new Date(toMs) } } });
  const packed = new Map(rows.map((row) => [`${row.key === key ? "d" : "h"}${row.day.getTime()}`, row.data]));
  const spans: SpanOf[] = [];
  const take = async (start: number, length: number) => {
    const data = packed.get(`${length === DAY_MS ? "d" : "h"}${start}`);
    const span = data ? decode(data) : null;
    if (span) spans.push({ span, from: start, to: start + length });
    else if (start + length <= final) spans.push({ span: await packSpanAt(hostId, key, start, length), from: start, to: start + length });
    else return false;
    if (!data) await yieldToEventLoop();
    return true;
  };
  for (let day = firstDay; day < toMs; day += DAY_MS) {
    if (await take(day, DAY_MS)) continue;
    // The day is not finished: its finished hours packed, then the rest from the raw rows up to `to`.
    let hour = Math.max(day, Math.floor(fromMs / HOUR_MS) * HOUR_MS);
    while (hour < toMs && hour < day + DAY_MS && (await take(hour, HOUR_MS))) hour += HOUR_MS;
    if (hour < toMs) spans.push({ span: await rawSpan(hostId, key, hour, toMs), from: hour, to: toMs });
    break;
  }
  return spans;
}

/** Packs every finished day of every key of the host not packed yet, and the finished hours of the day after them. */
export async function packFinishedDays(hostId: string): Promise<number> {
  const final = await finalUntil(hostId);
  const first = await db().snapshotAggregate.findFirst({ where: { hostId }, orderBy: { takenAt: "asc" }, select: { takenAt: true } });
  if (!first) return 0;
  const keys = (await db().aggregateInForce.findMany({ where: { hostId }, select: { key: true } })).map((row) => row.key);
  let done = 0;
  for (const key of keys) {
    const packed = await db().aggregateDay.findMany({ where: { hostId, key: { in: [key, hourKey(key)] } }, select: { key: true, day: true } });
    const have = new Set(packed.map((row) => `${row.key === key ? "d" : "h"}${row.day.getTime()}`));
    let day = dayOf(first.takenAt.getTime());
    for (; day + DAY_MS <= final; day += DAY_MS) {
      if (have.has(`d${day}`)) continue;
      await packSpanAt(hostId, key, day, DAY_MS);
      done += 1;
      await yieldToEventLoop();
    }
    // Hours from the host's first poll on (a new host has nothing to pack before it).
    for (let hour = Math.max(day, Math.floor(first.takenAt.getTime() / HOUR_MS) * HOUR_MS); hour + HOUR_MS <= final; hour += HOUR_MS) {
      if (have.has(`h${hour}`)) continue;
      await packSpanAt(hostId, key, hour, HOUR_MS);
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
  // Hours packed under a day that is not finished have `day` values inside it.
  const day = { gte: new Date(dayOf(span.from.getTime())), ...(span.through ? { lt: new Date(dayOf(span.through.getTime()) + DAY_MS) } : {}) };
  await client.aggregateDay.deleteMany({ where: { hostId, day } });
}

/**
 * After retention moved a host's rows forward (carryAggregatesForward): the packed days and hours the
 * removed runs touch are rewritten from themselves (spansWithoutRuns, exact, no row read), not dropped.
 * Dropping them made the first report after a retention slice on every host pack those days again from
 * the rows (p95 1.2 s for 20 hosts × 30 days, groupBy=image). A key whose spans there cannot be
 * rewritten (not consecutive, of another version, a run from before them) has them dropped, as before.
 */
export async function rewriteDaysAfterRetention(client: Client, hostId: string, runs: RemovedRun[]): Promise<void> {
  if (runs.length === 0) return;
  const earliest = Math.min(...runs.map((run) => run.from));
  const latest = Math.max(...runs.map((run) => run.to));
  const rows = await client.aggregateDay.findMany({
    where: { hostId, day: { gte: new Date(dayOf(earliest)), ...(Number.isFinite(latest) ? { lte: new Date(latest) } : {}) } },
  });
  const byKey = new Map<string, { stored: string; range: SpanRange | null; from: number; to: number }[]>();
  for (const row of rows) {
    const hourly = row.key.startsWith("hour:");
    const from = row.day.getTime();
    const to = from + (hourly ? HOUR_MS : DAY_MS);
    const span = decode(row.data);
    const base = hourly ? row.key.slice("hour:".length) : row.key;
    const list = byKey.get(base) ?? [];
    list.push({ stored: row.key, range: span ? { span, from, to } : null, from, to });
    byKey.set(base, list);
  }
  const touches = (item: { from: number; to: number }, run: RemovedRun) => item.from <= run.to && item.to > run.from;
  for (const list of byKey.values()) {
    list.sort((a, b) => a.from - b.from);
    // Consecutive spans, each rewritten together with the ones before it back to where it can start.
    const groups: (typeof list)[] = [];
    for (const item of list) {
      const last = groups.at(-1)?.at(-1);
      if (last && last.to === item.from) groups.at(-1)!.push(item);
      else groups.push([item]);
    }
    for (const group of groups) {
      const touched = group.filter((item) => runs.some((run) => touches(item, run)));
      if (touched.length === 0) continue;
      const relevant = runs.filter((run) => run.from < group.at(-1)!.to && run.to >= group[0].from);
      const ranges = group.map((item) => item.range);
      const rewritten = ranges.every((range) => range !== null) ? spansWithoutRuns(ranges as SpanRange[], relevant) : null;
      for (const item of touched) {
        const where = { hostId_key_day: { hostId, key: item.stored, day: new Date(item.from) } };
        if (rewritten) await client.aggregateDay.update({ where, data: { data: encode(rewritten[group.indexOf(item)]) } });
        else await client.aggregateDay.delete({ where });
      }
    }
  }
}

const packedLately = globalThis as unknown as { ballastPackedHours?: Map<string, number> };

/**
 * After a good poll: the first poll of a new UTC hour packs the host's finished days and hours, in the
 * background, one at a time (a report then finds them packed). At most once per host and hour.
 */
export function packAfterPoll(hostId: string, now: number): void {
  const seen = (packedLately.ballastPackedHours ??= new Map());
  const hour = Math.floor(now / HOUR_MS);
  if (seen.get(hostId) === hour) return;
  seen.set(hostId, hour);
  void packFinishedDays(hostId).catch((error) => console.error("[ballast] packing report aggregates:", error instanceof Error ? error.message : error));
}
