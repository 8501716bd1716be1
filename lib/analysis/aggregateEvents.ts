import { CATEGORY_GROUPS, UNATTRIBUTED, type GroupBy } from "@/lib/analysis/attribution";
import { COST_CATEGORIES, type CostCategory } from "@/lib/analysis/cost";
import type { Assignment, ReportEvent } from "@/lib/analysis/costReport";
import type { KeyChange, KeyState, KeyStream } from "@/lib/analysis/aggregateDays";
import type { PackedRow } from "@/lib/analysis/snapshotAggregates";

// A host's report events for one group-by, from its stored streams: the category stream and, for the
// other group-bys, the group-by's own key. What `attribute()` would give at each poll, as changes: a
// label key the snapshot does not carry leaves every category's bytes unattributed (so its stream
// follows the category stream while absent); host and category name the category rows' groups.

const category = (index: number) => COST_CATEGORIES[index] as CostCategory;

type Effective = Map<string, Assignment>;
const slot = (group: string, cat: CostCategory) => `${cat}\u0000${group}`;

/** The events of one host, oldest first; `rename` names a stored group as the report shows it. */
export function reportEvents(
  groupBy: GroupBy,
  hostName: string,
  rename: (group: string) => string,
  categories: KeyStream,
  own: KeyStream | null,
): ReportEvent[] {
  const fromCategory = (row: PackedRow): Assignment => {
    const cat = category(row[1]);
    if (groupBy === "host") return [hostName, cat, row[2]];
    if (groupBy === "category") return [CATEGORY_GROUPS[cat], cat, row[2]];
    return [UNATTRIBUTED, cat, row[2]];
  };
  const fromKey = (row: PackedRow): Assignment => [rename(row[0]), category(row[1]), row[2]];
  // The rows in force of each stream, kept as mutable maps (a change touches a few of hundreds of rows).
  const categoryState = new MutableState(categories.start);
  const keyState = new MutableState(own?.start);
  // Which stream the group-by's rows come from now: a label key not carried follows the categories.
  const isLabel = typeof groupBy === "object" || groupBy === "project";
  const source = () => (own === null ? "category" : keyState.present ? "key" : isLabel ? "category" : "none");
  const fullRows = (): Assignment[] => {
    const from = source();
    if (from === "key") return keyState.rows().map(fromKey);
    return from === "category" ? categoryState.rows().map(fromCategory) : [];
  };
  const effective: Effective = new Map();
  const assign = (set: Assignment[]) => {
    for (const entry of set) {
      if (entry[2] === 0) effective.delete(slot(entry[0], entry[1]));
      else effective.set(slot(entry[0], entry[1]), entry);
    }
  };
  /** Replaces the effective rows with `rows`: the changes it makes. */
  const replaceWith = (rows: Assignment[]): Assignment[] => {
    const next: Effective = new Map();
    for (const row of rows) {
      const key = slot(row[0], row[1]);
      const held = next.get(key);
      next.set(key, held ? [row[0], row[1], held[2] + row[2]] : row);
    }
    const set: Assignment[] = [];
    for (const [key, row] of next) if (effective.get(key)?.[2] !== row[2]) set.push(row);
    for (const [key, [group, cat]] of effective) if (!next.has(key)) set.push([group, cat, 0]);
    assign(set);
    return set;
  };
  const events: ReportEvent[] = [];
  const start = replaceWith(fullRows());
  if (categoryState.known || keyState.known) events.push({ at: -Infinity, set: start });
  const changes: { at: number; stream: "category" | "key"; change: KeyChange }[] = [
    ...categories.changes.map((change) => ({ at: change.at, stream: "category" as const, change })),
    ...(own?.changes ?? []).map((change) => ({ at: change.at, stream: "key" as const, change })),
  ].sort((a, b) => a.at - b.at);
  let totals = categoryState.totals();
  for (const { at, stream, change } of changes) {
    const before = source();
    (stream === "category" ? categoryState : keyState).apply(change);
    let set: Assignment[];
    if (stream === "category") {
      // The category stream's rows map many to one (stored groups "" and "unattributed" of one category
      // are one row of the host): what changes is each category's total.
      const next = categoryState.totals();
      if (before === "category" && source() === "category") {
        set = next.flatMap((bytes, index) => (bytes === totals[index] ? [] : [fromCategory(["", index, bytes])]));
        assign(set);
      } else if (before !== source()) set = replaceWith(fullRows());
      else set = [];
      totals = next;
    } else if ("set" in change && before === "key" && source() === "key") {
      // A key's own rows map one to one: they apply as they come.
      set = change.set.map(fromKey);
      assign(set);
    } else if (before !== source() || before === "key") set = replaceWith(fullRows());
    else set = [];
    if (set.length > 0) events.push({ at, set });
  }
  return events;
}

/** A stream's rows in force: undefined before its first poll, null while a label key is not carried. */
class MutableState {
  private map: Map<string, PackedRow> | null | undefined;
  constructor(start: KeyState) {
    this.map = start ? new Map(start.map((row) => [`${row[1]}\u0000${row[0]}`, row])) : start;
  }
  get known() {
    return this.map !== undefined;
  }
  get present() {
    return Boolean(this.map);
  }
  rows(): PackedRow[] {
    return this.map ? [...this.map.values()] : [];
  }
  /** Bytes per category (index in COST_CATEGORIES), summed over the rows' groups. */
  totals(): number[] {
    const totals = COST_CATEGORIES.map(() => 0);
    for (const row of this.map?.values() ?? []) totals[row[1]] += row[2];
    return totals;
  }
  apply(change: KeyChange) {
    if ("replace" in change) {
      this.map = change.replace ? new Map(change.replace.map((row) => [`${row[1]}\u0000${row[0]}`, row])) : null;
      return;
    }
    const map = (this.map ??= new Map());
    for (const row of change.set) {
      const key = `${row[1]}\u0000${row[0]}`;
      if (row[2] === 0) map.delete(key);
      else map.set(key, row);
    }
  }
}
