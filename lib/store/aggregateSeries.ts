import "server-only";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import type { GroupBy } from "@/lib/analysis/attribution";
import type { AttributedPoint } from "@/lib/analysis/costReport";
import { aggregateKeyFor, CATEGORY_KEY, rowsForGroupBy, type PackedRow } from "@/lib/analysis/snapshotAggregates";
import { db } from "./db";
import { unpackAggregateRows } from "./snapshotAggregates";

// A host's report points over a range, read from its stored aggregates: one point per poll where the
// group-by's rows changed (plus the one in force at `from`), never a full snapshot. Read in pages with
// the event loop let go between them, so a month of a busy fleet never blocks the server.

const PAGE = 2_000;

type Change = { takenAt: Date; rows: PackedRow[] | null };

/** The key's change rows in [from, to), and the one in force at `from` first when there is one. */
async function changes(hostId: string, key: string, from: Date, to: Date): Promise<Change[]> {
  const select = { takenAt: true, rows: true } as const;
  const before = await db().snapshotAggregate.findFirst({ where: { hostId, key, takenAt: { lt: from } }, orderBy: { takenAt: "desc" }, select });
  const result: Change[] = before ? [{ takenAt: before.takenAt, rows: unpackAggregateRows(before.rows) }] : [];
  for (let after = from, first = true; ; first = false) {
    const page = await db().snapshotAggregate.findMany({
      where: { hostId, key, takenAt: first ? { gte: after, lt: to } : { gt: after, lt: to } },
      orderBy: { takenAt: "asc" },
      take: PAGE,
      select,
    });
    for (const row of page) result.push({ takenAt: row.takenAt, rows: unpackAggregateRows(row.rows) });
    if (page.length < PAGE) return result;
    after = page[page.length - 1].takenAt;
    await yieldToEventLoop();
  }
}

/**
 * The attributed points of one host for a report: the group-by's own key, merged for label keys with
 * the category rows (a label the snapshot does not carry leaves everything unattributed).
 */
export async function loadAggregatePoints(hostId: string, hostName: string, groupBy: GroupBy, from: Date, to: Date): Promise<AttributedPoint[]> {
  const key = aggregateKeyFor(groupBy);
  const categories = await changes(hostId, CATEGORY_KEY, from, to);
  if (key === CATEGORY_KEY)
    return categories.map((change) => ({ takenAt: change.takenAt.toISOString(), rows: rowsForGroupBy(groupBy, hostName, change.rows ?? [], null) }));
  const own = await changes(hostId, key, from, to);
  const needsCategories = key.startsWith("label:");
  const times = [...new Set([...own, ...(needsCategories ? categories : [])].map((change) => change.takenAt.getTime()))].sort((a, b) => a - b);
  const points: AttributedPoint[] = [];
  let ownAt = -1;
  let categoryAt = -1;
  for (const time of times) {
    while (ownAt + 1 < own.length && own[ownAt + 1].takenAt.getTime() <= time) ownAt += 1;
    while (categoryAt + 1 < categories.length && categories[categoryAt + 1].takenAt.getTime() <= time) categoryAt += 1;
    const categoryRows = categoryAt >= 0 ? (categories[categoryAt].rows ?? []) : [];
    const keyRows = ownAt >= 0 ? own[ownAt].rows : null;
    points.push({ takenAt: new Date(time).toISOString(), rows: rowsForGroupBy(groupBy, hostName, categoryRows, keyRows) });
  }
  return points;
}
