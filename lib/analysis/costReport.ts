import type { HostSnapshot } from "@/lib/collect/schema";
import { attribute, UNATTRIBUTED, type AttributionRow, type GroupBy } from "@/lib/analysis/attribution";
import { COST_CATEGORIES, CURRENCY, gbMonths, hoursBetween, resolvePrice, type CategoryPrices, type CostCategory } from "@/lib/analysis/cost";
import { eventSteps, fleetPeaks, type HostReportData } from "@/lib/analysis/reportSpans";

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
  /** Or what changed at each such poll, oldest first, groups already named as the report names them. */
  events?: ReportEvent[];
  /** Or, from packed spans of stored aggregates (lib/analysis/reportSpans.ts), already over [from, to). */
  report?: HostReportData;
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

/** Sets one (group, category) of a host to `bytes` from `at` on (0: it holds nothing from then). */
export type Assignment = [group: string, category: CostCategory, bytes: number];

/** What changed on a host at one moment (ms). Before `from`, it counts from `from`. */
export type ReportEvent = { at: number; set: Assignment[] };

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
export function groupName(groupBy: GroupBy, hostName: string, group: string): string {
  const perHost = groupBy === "container" || groupBy === "volume";
  return perHost && group !== UNATTRIBUTED ? `${hostName}/${group}` : group;
}

const slot = (group: string, category: string) => `${category}\u0000${group}`;

/** A host's points (full rows at each poll) as events: at each point, only what differs from the point before. */
export function pointEvents(points: AttributedPoint[], rename: (group: string) => string = (group) => group): ReportEvent[] {
  const sorted = [...points].sort((a, b) => Date.parse(a.takenAt) - Date.parse(b.takenAt));
  let previous = new Map<string, Assignment>();
  return sorted.map((point) => {
    const next = new Map<string, Assignment>();
    for (const row of point.rows) {
      const group = rename(row.group);
      const key = slot(group, row.category);
      const held = next.get(key);
      next.set(key, [group, row.category, (held?.[2] ?? 0) + row.bytes]);
    }
    const set: Assignment[] = [];
    for (const [key, assignment] of next) if (previous.get(key)?.[2] !== assignment[2]) set.push(assignment);
    for (const [key, [group, category]] of previous) if (!next.has(key)) set.push([group, category, 0]);
    previous = next;
    return { at: Date.parse(point.takenAt), set };
  });
}

function hostEvents(host: CostReportHost, input: CostReportInput): ReportEvent[] {
  if (host.events) return host.events;
  const points =
    host.points ?? (host.snapshots ?? []).map((snapshot) => ({ takenAt: snapshot.takenAt, rows: attribute(snapshot, input.groupBy, host.hostName) }));
  return pointEvents(points, (group) => groupName(input.groupBy, host.hostName, group));
}

/**
 * Per group and category of one host: Σ bytes × ms held within [from, to), as exact integers. A value
 * is multiplied out only when it changes, so the work grows with the changes, not with the polls.
 */
function byteMilliseconds(events: ReportEvent[], from: number, to: number): Map<string, Map<CostCategory, bigint>> {
  const sums = new Map<string, Map<CostCategory, bigint>>();
  const held = new Map<string, { group: string; category: CostCategory; bytes: number; since: number }>();
  const flush = (entry: { group: string; category: CostCategory; bytes: number; since: number }, until: number) => {
    if (until <= entry.since) return;
    const byCategory = sums.get(entry.group) ?? new Map<CostCategory, bigint>();
    byCategory.set(entry.category, (byCategory.get(entry.category) ?? BigInt(0)) + BigInt(entry.bytes) * BigInt(until - entry.since));
    sums.set(entry.group, byCategory);
  };
  for (const event of events) {
    if (event.at >= to) break;
    const at = Math.max(event.at, from);
    for (const [group, category, bytes] of event.set) {
      const key = slot(group, category);
      const entry = held.get(key);
      if (entry) flush(entry, at);
      if (bytes === 0) held.delete(key);
      else held.set(key, { group, category, bytes, since: at });
    }
  }
  for (const entry of held.values()) flush(entry, to);
  return sums;
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
  const from = input.from.getTime();
  const to = input.to.getTime();
  const spanMs = to - from;
  const perHost = input.hosts.map((host) => {
    if (host.report) return host.report;
    const events = hostEvents(host, input);
    return { byteMs: byteMilliseconds(events, from, to), steps: eventSteps(events, from, to) };
  });
  // Per group: average bytes and average $-weighted bytes (Σ bytes × price), from exact integer sums,
  // added in one fixed order (hosts as given, categories as listed) whatever the events' order.
  const byteHours = new Map<string, { bytes: number; cost: number }>();
  perHost.forEach((data, index) => {
    const host = input.hosts[index];
    for (const [group, byCategory] of data.byteMs) {
      const sum = byteHours.get(group) ?? { bytes: 0, cost: 0 };
      for (const category of COST_CATEGORIES) {
        const byteMs = byCategory.get(category);
        if (byteMs === undefined) continue;
        const average = Number(byteMs) / spanMs;
        sum.bytes += average;
        sum.cost += average * resolvePrice(host.pricePerGbMonth, host.categoryPrices, category);
      }
      byteHours.set(group, sum);
    }
  });
  const peak = fleetPeaks(perHost.map((data) => data.steps));
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
