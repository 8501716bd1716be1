import type { HostSnapshot } from "@/lib/collect/schema";
import {
  attributeEach,
  CATEGORY_GROUPS,
  COMPOSE_PROJECT_LABEL,
  labelKeysSeen,
  UNATTRIBUTED,
  type AttributionRow,
  type GroupBy,
} from "@/lib/analysis/attribution";
import { COST_CATEGORIES } from "@/lib/analysis/cost";

// A snapshot's report totals, computed once when it is written: for each aggregate key, the rows
// `attribute(snapshot, groupBy)` gives. Reports then integrate these rows instead of rebuilding every
// full snapshot. Keys:
//   "category"               every byte by category (answers groupBy=category and groupBy=host: the host's
//                            name is put in when reading, so renaming a host needs no rewrite);
//   "image", "repository", "container", "volume";
//   "label:<key>"            each label key seen on the snapshot's containers, images or volumes
//                            (groupBy=project is label:com.docker.compose.project).
// A label key the snapshot does not carry attributes everything to "unattributed": it is not stored,
// and reports derive it from the category rows (aggregateEvents.ts).

export const CATEGORY_KEY = "category";

export type AggregateKey = string;

/** Rows as stored: [group, index in COST_CATEGORIES, bytes], in attribute()'s order. */
export type PackedRow = [string, number, number];

const labelKey = (label: string): AggregateKey => `label:${label}`;

/** The stored key that answers a report's group-by. */
export function aggregateKeyFor(groupBy: GroupBy): AggregateKey {
  if (typeof groupBy === "object") return labelKey(groupBy.label);
  if (groupBy === "project") return labelKey(COMPOSE_PROJECT_LABEL);
  if (groupBy === "host" || groupBy === "category") return CATEGORY_KEY;
  return groupBy;
}

/** The group-by a stored key answers (the category key: "host", whose rows also answer "category"). */
export function groupByOf(key: AggregateKey): GroupBy {
  if (key === CATEGORY_KEY) return "host";
  if (key.startsWith("label:")) return { label: key.slice("label:".length) };
  return key as GroupBy;
}

export function packRows(rows: AttributionRow[]): PackedRow[] {
  return rows.map((row) => [row.group, COST_CATEGORIES.indexOf(row.category), row.bytes]);
}

/**
 * Every aggregate key of one snapshot with its packed rows. The category key's group is "" (the host
 * name is filled in when read). The image accounting is done once for all keys.
 */
export function snapshotAggregates(snapshot: HostSnapshot): Map<AggregateKey, PackedRow[]> {
  const keys = [CATEGORY_KEY, "image", "repository", "container", "volume", ...labelKeysSeen(snapshot).map(labelKey)];
  const rows = attributeEach(snapshot, keys.map(groupByOf), "");
  return new Map(keys.map((key, index) => [key, packRows(rows[index])]));
}
