import type { HostSnapshot } from "@/lib/collect/schema";
import { categoryTotals, totalBytes, type CategoryTotals, type CostCategory } from "@/lib/analysis/cost";

// Bytes per category over time, for one host and for the fleet, shaped for a stacked-area chart;
// growth per day and the date a host's disk fills at that rate. Times are ISO strings in, and both
// ISO (`takenAt`) and epoch ms (`at`, for a numeric chart axis) out. No clock is read here.

/** One host's totals at one poll (what the store keeps per snapshot). */
export type TotalsPoint = { takenAt: string } & CategoryTotals;

export type SeriesPoint = TotalsPoint & { at: number; totalBytes: number };

/** `from` inclusive, `to` exclusive (as the cost report's [from, to)); either may be left open. */
export type TimeRange = { from?: Date | null; to?: Date | null };

export const MS_PER_DAY = 86_400_000;

/** The point the store keeps for a snapshot. */
export function totalsPoint(snapshot: HostSnapshot): TotalsPoint {
  return { takenAt: snapshot.takenAt, ...categoryTotals(snapshot) };
}

/** Whether `at` (epoch ms) lies in [from, to). */
export function inRange(at: number, range: TimeRange = {}): boolean {
  if (range.from && at < range.from.getTime()) return false;
  if (range.to && at >= range.to.getTime()) return false;
  return true;
}

/** The points taken in [from, to), in their original order. */
export function filterRange<T extends { takenAt: string }>(points: T[], range: TimeRange = {}): T[] {
  return points.filter((point) => inRange(Date.parse(point.takenAt), range));
}

/** Whether `text` is already what toISOString() writes ("2026-12-01T10:00:00.000Z"): kept, not rebuilt. */
const isCanonicalIso = (text: string) => text.length === 24 && text[10] === "T" && text[19] === "." && text[23] === "Z";

// A 30-day fleet trend folds 172,800 polls: no Date is built where the ISO text is already canonical
// (the store's always is), and the fleet's sums are added up in numbers, not an object per host and time.
function toSeriesPoint(point: TotalsPoint, at = Date.parse(point.takenAt)): SeriesPoint {
  return { ...point, takenAt: isCanonicalIso(point.takenAt) ? point.takenAt : new Date(at).toISOString(), at, totalBytes: totalBytes(point) };
}

function sortedByTime(points: TotalsPoint[]): SeriesPoint[] {
  return points.map((point) => toSeriesPoint(point)).sort((a, b) => a.at - b.at);
}

/** One host's series, oldest first, limited to the range. */
export function hostSeries(points: TotalsPoint[], range: TimeRange = {}): SeriesPoint[] {
  return sortedByTime(points).filter((point) => inRange(point.at, range));
}

/** A host's points for the fleet series; from `endedAt` on (the host left the fleet: disabled) it no longer counts. */
export type HostPoints = { points: TotalsPoint[]; endedAt?: string | null };

/**
 * The fleet's series: at every time any host was polled (or left), the sum over hosts of each host's
 * latest point at or before that time (a step function), so hosts polled at different times still add up.
 * A host counts from its first point on, until its `endedAt`. Logs are null only when no host's latest
 * point measured them. Points before `range.from` still carry into the first point in range.
 */
export function fleetSeries(hosts: HostPoints[], range: TimeRange = {}): SeriesPoint[] {
  const perHost = hosts.map((host) => sortedByTime(host.points));
  const ends = hosts.map((host) => (host.endedAt ? Date.parse(host.endedAt) : Infinity));
  // Each time's ISO text, from a host's point polled then (a host's leaving: built once).
  const isoAt = new Map<number, string>();
  for (const points of perHost) for (const point of points) isoAt.set(point.at, point.takenAt);
  const times = [...new Set([...isoAt.keys(), ...ends.filter(Number.isFinite)])].sort((a, b) => a - b);
  const cursor = perHost.map(() => -1);
  const result: SeriesPoint[] = [];
  for (const at of times) {
    let images = 0;
    let containers = 0;
    let volumes = 0;
    let buildCache = 0;
    let logs: number | null = null;
    for (let host = 0; host < perHost.length; host += 1) {
      const points = perHost[host];
      while (cursor[host] + 1 < points.length && points[cursor[host] + 1].at <= at) cursor[host] += 1;
      if (cursor[host] < 0 || at >= ends[host]) continue;
      const point = points[cursor[host]];
      images += point.images;
      containers += point.containers;
      volumes += point.volumes;
      buildCache += point.buildCache;
      if (point.logs !== null) logs = (logs ?? 0) + point.logs;
    }
    if (!inRange(at, range)) continue;
    const sum: CategoryTotals = { images, containers, volumes, buildCache, logs };
    result.push({ takenAt: isoAt.get(at) ?? new Date(at).toISOString(), ...sum, at, totalBytes: totalBytes(sum) });
  }
  return result;
}

/** The series over [from, to), with a first point at `from` carrying the values in force then. */
export function seriesInWindow(hosts: HostPoints[], from: Date, to: Date): SeriesPoint[] {
  const all = fleetSeries(hosts);
  const start = from.getTime();
  const before = all.filter((point) => point.at < start).at(-1);
  const inside = all.filter((point) => point.at >= start && point.at < to.getTime());
  if (!before || inside[0]?.at === start) return inside;
  return [{ ...before, at: start, takenAt: from.toISOString() }, ...inside];
}

/**
 * Least-squares slope of the total (or of one category, unmeasured logs as 0) over the points given,
 * in bytes per day; null with fewer than two distinct times. Filter the series to the chosen range first.
 * Times are centred before squaring so epoch milliseconds keep their precision.
 */
export function growthPerDay(points: SeriesPoint[], category?: CostCategory): number | null {
  const value = (point: SeriesPoint) => (category === undefined ? point.totalBytes : (point[category] ?? 0));
  if (points.length < 2) return null;
  const meanAt = points.reduce((sum, point) => sum + point.at, 0) / points.length;
  const meanValue = points.reduce((sum, point) => sum + value(point), 0) / points.length;
  let covariance = 0;
  let variance = 0;
  for (const point of points) {
    covariance += (point.at - meanAt) * (value(point) - meanValue);
    variance += (point.at - meanAt) ** 2;
  }
  return variance === 0 ? null : (covariance / variance) * MS_PER_DAY;
}

/** The host's data-root filesystem as the agent measured it; null fields where nothing measured them. */
export type DiskUsage = { takenAt: string; totalBytes: number | null; freeBytes: number | null };

/**
 * When the disk fills if it keeps growing at `bytesPerDay` from its free bytes at `disk.takenAt`.
 * null when the disk's size or free bytes are unknown, when it is not growing, or when the date lies
 * beyond what a Date can hold. A disk already full returns its own reading time.
 */
export function fillDate(disk: DiskUsage | null, bytesPerDay: number | null): string | null {
  if (!disk || disk.totalBytes === null || disk.freeBytes === null) return null;
  if (bytesPerDay === null || !(bytesPerDay > 0)) return null;
  const at = Date.parse(disk.takenAt) + (Math.max(0, disk.freeBytes) / bytesPerDay) * MS_PER_DAY;
  const date = new Date(Math.ceil(at));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
