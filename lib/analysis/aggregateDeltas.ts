import type { PackedRow } from "@/lib/analysis/snapshotAggregates";
import { COST_CATEGORIES } from "@/lib/analysis/cost";

// One aggregate key's rows stored as a delta against the key's rows in force before (issue 14): a busy CI
// host moves a few tags a poll, so its "image" key changes by a few groups out of 1,250, and rewriting the
// whole key (16 kB deflated) at every poll was most of the database growth. Pure: lib/store/snapshotAggregates.ts
// stores and reads them. A delta is exact: applying it to the rows it was made against gives back the rows
// it was made from, in their order (the writer checks, and stores full rows when it would not).

/** The rows whose slot (group, category) was added or changed, and the slots gone. */
export type RowsDelta = { set: PackedRow[]; removed: [string, number][] };

const slot = (group: string, category: number) => `${category}\u0000${group}`;

/** attribute()'s order (lib/analysis/attribution.ts Ledger.rows): by group, then by category name. */
function attributionOrder(a: PackedRow, b: PackedRow): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  const ca = COST_CATEGORIES[a[1]];
  const cb = COST_CATEGORIES[b[1]];
  return ca === cb ? 0 : ca < cb ? -1 : 1;
}

/** `rows` with `delta` applied: removed slots dropped, set rows put in, in attribute()'s order. */
export function applyRowsDelta(rows: PackedRow[], delta: RowsDelta): PackedRow[] {
  const bySlot = new Map(rows.map((row) => [slot(row[0], row[1]), row]));
  for (const [group, category] of delta.removed) bySlot.delete(slot(group, category));
  for (const row of delta.set) bySlot.set(slot(row[0], row[1]), row);
  return [...bySlot.values()].sort(attributionOrder);
}

const same = (a: PackedRow[], b: PackedRow[]) =>
  a.length === b.length && a.every((row, index) => row[0] === b[index][0] && row[1] === b[index][1] && row[2] === b[index][2]);

/**
 * What to store for `next` against `previous`: null when applying the delta would not give `next`
 * exactly (rows not in attribute()'s order, e.g. the category key's): then the full rows are stored.
 */
export function rowsDelta(previous: PackedRow[], next: PackedRow[]): RowsDelta | null {
  const before = new Map(previous.map((row) => [slot(row[0], row[1]), row[2]]));
  const after = new Set<string>();
  const set: PackedRow[] = [];
  for (const row of next) {
    const key = slot(row[0], row[1]);
    after.add(key);
    if (before.get(key) !== row[2]) set.push(row);
  }
  const removed = previous.filter((row) => !after.has(slot(row[0], row[1]))).map((row): [string, number] => [row[0], row[1]]);
  const delta = { set, removed };
  return same(applyRowsDelta(previous, delta), next) ? delta : null;
}

/** One delta doing what `first` then `second` do (retention deletes the snapshot holding `first`). */
export function composeDeltas(first: RowsDelta, second: RowsDelta): RowsDelta {
  const gone = new Set(second.removed.map(([group, category]) => slot(group, category)));
  const set = new Map(first.set.filter((row) => !gone.has(slot(row[0], row[1]))).map((row) => [slot(row[0], row[1]), row]));
  for (const row of second.set) set.set(slot(row[0], row[1]), row);
  const removed = new Map(
    [...first.removed, ...second.removed].map(([group, category]): [string, [string, number]] => [slot(group, category), [group, category]]),
  );
  return { set: [...set.values()], removed: [...removed.values()] };
}

/**
 * A key's rows replayed from full rows through deltas, kept by slot: deltas are applied in place and
 * the rows put in order only when asked for (a reader replays up to 64 deltas to reach its start).
 */
export class RowsReplay {
  private bySlot: Map<string, PackedRow> | null | undefined = undefined;

  /** Full rows (null: the key absent). */
  full(rows: PackedRow[] | null): void {
    this.bySlot = rows === null ? null : new Map(rows.map((row) => [slot(row[0], row[1]), row]));
  }

  /** A delta against the rows replayed so far; false when there are none to apply it to. */
  delta(delta: RowsDelta): boolean {
    if (!this.bySlot) return false;
    for (const [group, category] of delta.removed) this.bySlot.delete(slot(group, category));
    for (const row of delta.set) this.bySlot.set(slot(row[0], row[1]), row);
    return true;
  }

  /** The rows so far in attribute()'s order; undefined before any full rows. */
  rows(): PackedRow[] | null | undefined {
    return this.bySlot ? [...this.bySlot.values()].sort(attributionOrder) : this.bySlot;
  }
}
