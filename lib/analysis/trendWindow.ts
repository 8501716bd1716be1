import type { FillForecast } from "@/lib/analysis/fillForecast";
import { fleetSeries, growthPerDay, type SeriesPoint, type TotalsPoint } from "@/lib/analysis/trends";

// The trend shown for a chosen range: the fleet's (or one host's) step series, starting at `from` with
// the values in force there (a snapshot before the range carries in), growth per day over the range
// and, where the disk is known, the date it fills at that rate.

export type Trend = {
  series: SeriesPoint[];
  /** Least-squares slope of the total over the range, bytes per day; null with fewer than two times. */
  growthBytesPerDay: number | null;
  /** ISO time the data root fills (lib/analysis/fillForecast.ts: free ÷ growth of its used bytes); null when unknown or not filling. */
  fillDate: string | null;
  diskKnown: boolean;
  /** The data root's forecast behind fillDate, with the window it used; null without agent readings. */
  fill: FillForecast | null;
};

/** The series over [from, to), with a first point at `from` carrying the values in force then. */
export function seriesInWindow(hosts: { points: TotalsPoint[] }[], from: Date, to: Date): SeriesPoint[] {
  const all = fleetSeries(hosts);
  const start = from.getTime();
  const before = all.filter((point) => point.at < start).at(-1);
  const inside = all.filter((point) => point.at >= start && point.at < to.getTime());
  if (!before || inside[0]?.at === start) return inside;
  return [{ ...before, at: start, takenAt: from.toISOString() }, ...inside];
}

/** At most `maxPoints` points for a chart: evenly spaced picks, always keeping the first and last. */
export function samplePoints<T>(points: T[], maxPoints: number): T[] {
  if (points.length <= maxPoints || maxPoints < 2) return points;
  const picks = new Set<number>();
  for (let i = 0; i < maxPoints; i += 1) picks.add(Math.round((i * (points.length - 1)) / (maxPoints - 1)));
  return [...picks].sort((a, b) => a - b).map((index) => points[index]);
}

/**
 * The last values held on to `until` (e.g. now, or the range's end): a step chart otherwise ends at
 * the newest poll, and a single poll would draw nothing. Not used for growth (it is no new reading).
 */
export function holdUntil(series: SeriesPoint[], until: Date): SeriesPoint[] {
  const last = series.at(-1);
  if (!last || until.getTime() <= last.at) return series;
  return [...series, { ...last, at: until.getTime(), takenAt: until.toISOString() }];
}

/**
 * Series, growth and the data root's fill forecast for one scope (fleet or host). Growth uses every point, not the sample;
 * the chart's series holds the last values until `until` (the caller's now, capped at `range.to`).
 */
export function buildTrend(
  hosts: { points: TotalsPoint[] }[],
  range: { from: Date; to: Date; until?: Date },
  fill: FillForecast | null,
  maxPoints = 500,
): Trend {
  const series = seriesInWindow(hosts, range.from, range.to);
  const growth = growthPerDay(series);
  const until = new Date(Math.min((range.until ?? range.to).getTime(), range.to.getTime()));
  return {
    series: holdUntil(samplePoints(series, maxPoints), until),
    growthBytesPerDay: growth,
    fillDate: fill?.fillDate ?? null,
    diskKnown: fill !== null,
    fill,
  };
}
