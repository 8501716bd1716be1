import type { PackedRow } from "@/lib/analysis/snapshotAggregates";

// One aggregate key's history as a report reads it: the rows in force at a start, then each change as
// only what differs. A day of a busy host is ~200 changes of a few groups each: stored this way (one
// AggregateDay row per host, key and day) a month's report reads 30 small rows per host instead of
// thousands of full ones, and integrates only what changed.

/** Rows in force: the packed rows, null for a label key the snapshot does not carry, undefined before the first poll. */
export type KeyState = PackedRow[] | null | undefined;

/** One change: `set` entries [group, category index, bytes] (0 bytes: gone), or the whole state replaced. */
export type KeyChange = { at: number; set: PackedRow[] } | { at: number; replace: PackedRow[] | null };

export type KeyStream = { start: KeyState; changes: KeyChange[] };

const slot = (row: PackedRow) => `${row[1]}\u0000${row[0]}`;

/** What `next` changes relative to `previous` (both present), as set entries. */
export function rowChanges(previous: PackedRow[], next: PackedRow[]): PackedRow[] {
  const before = new Map(previous.map((row) => [slot(row), row[2]]));
  const after = new Set<string>();
  const set: PackedRow[] = [];
  for (const row of next) {
    after.add(slot(row));
    if (before.get(slot(row)) !== row[2]) set.push(row);
  }
  for (const row of previous) if (!after.has(slot(row))) set.push([row[0], row[1], 0]);
  return set;
}

/** The stream of a key from the rows in force at `start` and its full rows at each change after it. */
export function keyStream(start: KeyState, fulls: { at: number; rows: PackedRow[] | null }[]): KeyStream {
  let current = start;
  const changes: KeyChange[] = fulls.map(({ at, rows }) => {
    const change: KeyChange = rows !== null && current ? { at, set: rowChanges(current, rows) } : { at, replace: rows };
    current = rows;
    return change;
  });
  return { start, changes };
}

/** The state after applying `change` to `state`. */
export function applyChange(state: KeyState, change: KeyChange): PackedRow[] | null {
  if ("replace" in change) return change.replace;
  const rows = new Map((state ?? []).map((row) => [slot(row), row]));
  for (const row of change.set) {
    if (row[2] === 0) rows.delete(slot(row));
    else rows.set(slot(row), row);
  }
  return [...rows.values()];
}

/** Joins consecutive streams (days, oldest first): the first one's start, every change. */
export function joinStreams(streams: KeyStream[]): KeyStream {
  return { start: streams[0]?.start, changes: streams.flatMap((stream) => stream.changes) };
}

/** The stream cut to `from`: changes at or before it folded into the start, later ones kept as they are. */
export function streamFrom(stream: KeyStream, from: number): KeyStream {
  let start = stream.start;
  let index = 0;
  while (index < stream.changes.length && stream.changes[index].at <= from) start = applyChange(start, stream.changes[index++]);
  return { start, changes: stream.changes.slice(index) };
}
