import type { HostSnapshot } from "@/lib/collect/schema";
import { attribute, UNATTRIBUTED, type AttributionRow, type GroupBy } from "@/lib/analysis/attribution";
import { CURRENCY, gbMonths, hoursBetween, MS_PER_HOUR, resolvePrice, type CategoryPrices, type CostCategory } from "@/lib/analysis/cost";

// What each group's storage cost over a period, for the dashboard and the CSV export.
// Each snapshot's bytes hold from its takenAt until the host's next snapshot (the last one until `to`);
// the snapshot at or before `from` carries in; time before a host's first snapshot holds no bytes.
// So a group's GB-months are the integral of its bytes over [from, to), and costs add up across
// groups and hosts exactly as the bytes do. Full precision throughout: round only when formatting.
// Byte-milliseconds are summed as exact integers, so splitting a span where nothing changed (two polls
// with equal bytes) gives the very same figures: a report from stored aggregates, which keep only the
// polls where something changed, equals one from every full snapshot (lib/store/snapshotAggregates.ts).

export type CostReportHost = {
  hostId: string;
  hostName: string;
  /** $/GB-month for this host; OpenCost's $0.04 default when unset. */
  pricePerGbMonth?: number | null;
  /** Optional $/GB-month per category, over the host's price. */
  categoryPrices?: CategoryPrices | null;
  /** Good snapshots only (a failed poll has no totals); any order. Ignored when `points` are given. */
  snapshots?: HostSnapshot[];
  /** The same, already attributed by the report's group-by: at least every poll where the rows changed. */
  points?: AttributedPoint[];
};

/** One poll's attribution rows (`attribute(snapshot, groupBy)`); it holds until the host's next point. */
export type AttributedPoint = { takenAt: string; rows: AttributionRow[] };

export type CostReportInput = { hosts: CostReportHost[]; from: Date; to: Date; groupBy: GroupBy };

export type CostReportRow = {
  /** "YYYY-MM" for a calendar month (UTC), else "from/to" as ISO 8601 dates or times. */
  period: string;
  group: string;
  /** Time-weighted average over the whole period; time with no snapshot counts 0 bytes. */
  averageBytes: number;
  /** The most bytes the group held at any moment of the period (summed over hosts at that moment). */
  peakBytes: number;
  /** averageBytes / 10^9 × (hours in period / 730). */
  gbMonths: number;
  /** Σ GB-months × the price of each host and category. */
  cost: number;
  currency: string;
};

/** rows: one per group (unattributed last); total: the sums of the rows, and the fleet's peak. */
export type CostReport = { period: string; hours: number; rows: CostReportRow[]; total: CostReportRow };

export const TOTAL_GROUP = "total";

/** One snapshot's bytes per group (for peaks) and per group and category (for costs), held over [start, end) (ms). */
type Segment = { host: number; start: number; end: number; bytes: Map<string, number>; rows: { group: string; category: CostCategory; bytes: number }[] };

const isUtcMidnight = (date: Date) => date.getTime() % 86_400_000 === 0;
const isoDateOrTime = (date: Date) => (isUtcMidnight(date) ? date.toISOString().slice(0, 10) : date.toISOString());

/** "2026-02" when [from, to) is exactly one calendar month in UTC, else "2026-02-03/2026-02-10". */
export function reportPeriod(from: Date, to: Date): string {
  const monthAfter = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1));
  if (isUtcMidnight(from) && from.getUTCDate() === 1 && monthAfter.getTime() === to.getTime()) {
    return from.toISOString().slice(0, 7);
  }
  return `${isoDateOrTime(from)}/${isoDateOrTime(to)}`;
}

/** Container and volume names are only unique per host: qualify them with the host's name. */
function groupName(groupBy: GroupBy, hostName: string, group: string): string {
  const perHost = groupBy === "container" || groupBy === "volume";
  return perHost && group !== UNATTRIBUTED ? `${hostName}/${group}` : group;
}

function hostSegments(host: CostReportHost, index: number, input: CostReportInput): Segment[] {
  const from = input.from.getTime();
  const to = input.to.getTime();
  const points =
    host.points ?? (host.snapshots ?? []).map((snapshot) => ({ takenAt: snapshot.takenAt, rows: attribute(snapshot, input.groupBy, host.hostName) }));
  const sorted = [...points].sort((a, b) => Date.parse(a.takenAt) - Date.parse(b.takenAt));
  const segments: Segment[] = [];
  sorted.forEach((point, i) => {
    const start = Math.max(Date.parse(point.takenAt), from);
    const end = Math.min(i + 1 < sorted.length ? Date.parse(sorted[i + 1].takenAt) : to, to);
    if (end <= start) return;
    const bytes = new Map<string, number>();
    const rows = point.rows.map((row) => ({ ...row, group: groupName(input.groupBy, host.hostName, row.group) }));
    for (const row of rows) bytes.set(row.group, (bytes.get(row.group) ?? 0) + row.bytes);
    segments.push({ host: index, start, end, bytes, rows });
  });
  return segments;
}

/** Per group and category of one host: Σ bytes × ms held, as an exact integer. */
function byteMilliseconds(segments: Segment[]): Map<string, Map<CostCategory, bigint>> {
  const sums = new Map<string, Map<CostCategory, bigint>>();
  for (const segment of segments) {
    const held = BigInt(segment.end - segment.start);
    for (const row of segment.rows) {
      const byCategory = sums.get(row.group) ?? new Map<CostCategory, bigint>();
      byCategory.set(row.category, (byCategory.get(row.category) ?? BigInt(0)) + BigInt(row.bytes) * held);
      sums.set(row.group, byCategory);
    }
  }
  return sums;
}

/**
 * Per group: the most bytes at any moment, summed over every host's current segment at each change.
 * The sums are kept as they go (a host's new segment replaces its old one's bytes) and only the groups
 * a change touched are compared: linear in the rows, however many hosts and moments.
 */
function peaks(segments: Segment[], hostCount: number): { byGroup: Map<string, number>; total: number } {
  const current: (Segment | undefined)[] = new Array(hostCount);
  const now = new Map<string, number>();
  const touched = new Set<string>();
  const byGroup = new Map<string, number>();
  let nowTotal = 0;
  let total = 0;
  const ordered = [...segments].sort((a, b) => a.start - b.start);
  for (let i = 0; i < ordered.length; i += 1) {
    const segment = ordered[i];
    for (const [group, bytes] of current[segment.host]?.bytes ?? []) {
      now.set(group, now.get(group)! - bytes);
      nowTotal -= bytes;
      touched.add(group);
    }
    for (const [group, bytes] of segment.bytes) {
      now.set(group, (now.get(group) ?? 0) + bytes);
      nowTotal += bytes;
      touched.add(group);
    }
    current[segment.host] = segment;
    if (i + 1 < ordered.length && ordered[i + 1].start === segment.start) continue;
    for (const group of touched) byGroup.set(group, Math.max(byGroup.get(group) ?? 0, now.get(group)!));
    touched.clear();
    total = Math.max(total, nowTotal);
  }
  return { byGroup, total };
}

function byGroupOrder(a: string, b: string): number {
  if (a === b) return 0;
  if (a === UNATTRIBUTED) return 1;
  if (b === UNATTRIBUTED) return -1;
  return a < b ? -1 : 1;
}

/**
 * Average and peak bytes, GB-months and cost per group over [from, to), over every host given.
 * The total row's cost is the sum of the group rows' costs, so the rows add up to what the
 * dashboard shows when it shows `total`.
 */
export function buildCostReport(input: CostReportInput): CostReport {
  if (!(input.to.getTime() > input.from.getTime())) throw new RangeError("a cost report needs `from` before `to`");
  const period = reportPeriod(input.from, input.to);
  const hours = hoursBetween(input.from, input.to);
  const spanMs = input.to.getTime() - input.from.getTime();
  const perHost = input.hosts.map((host, index) => hostSegments(host, index, input));
  // Per group: average bytes and average $-weighted bytes (Σ bytes × price), from exact integer sums.
  const byteHours = new Map<string, { bytes: number; cost: number }>();
  perHost.forEach((segments, index) => {
    const host = input.hosts[index];
    for (const [group, byCategory] of byteMilliseconds(segments)) {
      const sum = byteHours.get(group) ?? { bytes: 0, cost: 0 };
      for (const [category, byteMs] of byCategory) {
        const average = Number(byteMs) / spanMs;
        sum.bytes += average;
        sum.cost += average * resolvePrice(host.pricePerGbMonth, host.categoryPrices, category);
      }
      byteHours.set(group, sum);
    }
  });
  const segments = perHost.flat();
  const peak = peaks(segments, input.hosts.length);
  const row = (group: string, averageBytes: number, peakBytes: number, cost: number): CostReportRow => ({
    period,
    group,
    averageBytes,
    peakBytes,
    gbMonths: gbMonths(averageBytes, hours),
    cost,
    currency: CURRENCY,
  });
  const rows = [...byteHours.keys()].sort(byGroupOrder).map((group) => {
    const sums = byteHours.get(group)!;
    return row(group, sums.bytes, peak.byGroup.get(group) ?? 0, gbMonths(sums.cost, hours));
  });
  const sum = (pick: (r: CostReportRow) => number) => rows.reduce((total, r) => total + pick(r), 0);
  const total = {
    ...row(
      TOTAL_GROUP,
      sum((r) => r.averageBytes),
      peak.total,
      sum((r) => r.cost),
    ),
    gbMonths: sum((r) => r.gbMonths),
  };
  return { period, hours, rows, total };
}
