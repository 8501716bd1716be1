import "server-only";
import type { GroupBy } from "@/lib/analysis/attribution";
import { reportEvents } from "@/lib/analysis/aggregateEvents";
import { groupName, type ReportEvent } from "@/lib/analysis/costReport";
import { aggregateKeyFor, CATEGORY_KEY } from "@/lib/analysis/snapshotAggregates";
import { keyStreamOver } from "./aggregateDays";

// A host's report events over a range, from its stored aggregates (packed days plus the raw rows of
// the days not finished): what changed at each poll where the group-by's rows changed, never a full
// snapshot. Reading is in small queries with the event loop let go between days (aggregateDays.ts).

export async function loadAggregateEvents(hostId: string, hostName: string, groupBy: GroupBy, from: Date, to: Date): Promise<ReportEvent[]> {
  const key = aggregateKeyFor(groupBy);
  const categories = await keyStreamOver(hostId, CATEGORY_KEY, from, to);
  const own = key === CATEGORY_KEY ? null : await keyStreamOver(hostId, key, from, to);
  return reportEvents(groupBy, hostName, (group) => groupName(groupBy, hostName, group), categories, own);
}
