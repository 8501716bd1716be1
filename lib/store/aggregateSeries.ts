import "server-only";
import { CATEGORY_GROUPS, type GroupBy } from "@/lib/analysis/attribution";
import { groupName } from "@/lib/analysis/costReport";
import { HostReportBuilder, type HostReportData } from "@/lib/analysis/reportSpans";
import { aggregateKeyFor, CATEGORY_KEY } from "@/lib/analysis/snapshotAggregates";
import { reportSpansOver } from "./aggregateDays";

// What a report needs of one host over a range, from its stored aggregates (packed days plus the raw
// rows of the days not finished): Σ bytes × ms per group and category, and its steps for the peaks,
// never a full snapshot. Stored groups get the host's name put in here (a rename needs no rewrite).

export async function loadHostReport(hostId: string, hostName: string, groupBy: GroupBy, from: Date, to: Date): Promise<HostReportData> {
  const key = aggregateKeyFor(groupBy);
  const rename =
    key !== CATEGORY_KEY
      ? (group: string) => groupName(groupBy, hostName, group)
      : groupBy === "category"
        ? (_group: string, category: keyof typeof CATEGORY_GROUPS) => CATEGORY_GROUPS[category]
        : () => hostName;
  const builder = new HostReportBuilder(from.getTime(), to.getTime(), rename);
  for (const { span, from: spanFrom, to: spanTo } of await reportSpansOver(hostId, key, from, to)) builder.add(span, spanFrom, spanTo);
  return builder.result();
}
