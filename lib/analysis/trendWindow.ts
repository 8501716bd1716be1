import type { FillForecast } from "@/lib/analysis/fillForecast";
import { trendGrowth, type GrowthMeasure, type GrowthScope, type HostHistory, type TrendStep } from "@/lib/analysis/trendGrowth";
import { seriesInWindow, type SeriesPoint } from "@/lib/analysis/trends";

// The trend shown for a chosen range: the fleet's (or one host's) step series, starting at `from` with
// the values in force there (a snapshot before the range carries in), growth per day over the range
// by the one rule (trendGrowth.ts) with the steps it found, and, where the disk is known, its fill date.

export type Trend = {
  series: SeriesPoint[];
  /** Growth per day by the rule in lib/analysis/trendGrowth.ts; null: not enough history yet. */
  growthBytesPerDay: number | null;
  /** What the rate was measured over (hosts, span), or why there is none. */
  growth: GrowthMeasure;
  /** Hosts added, removed or answering as another engine inside the range: steps, not growth. */
  steps: TrendStep[];
  /** Hosts with data in the range. */
  hostsInWindow: number;
  /** ISO time the data root fills (lib/analysis/fillForecast.ts: free ÷ growth of its used bytes); null when unknown or not filling. */
  fillDate: string | null;
  diskKnown: boolean;
  /** The data root's forecast behind fillDate, with the window it used; null without agent readings. */
  fill: FillForecast | null;
};

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
  hosts: HostHistory[],
  range: { from: Date; to: Date; until?: Date },
  fill: FillForecast | null,
  scope: GrowthScope,
  maxPoints = 500,
): Trend {
  const series = seriesInWindow(hosts, range.from, range.to);
  const { growth, steps, hostsInWindow } = trendGrowth(hosts, range, scope);
  const until = new Date(Math.min((range.until ?? range.to).getTime(), range.to.getTime()));
  return {
    series: holdUntil(samplePoints(series, maxPoints), until),
    growthBytesPerDay: growth.bytesPerDay,
    growth,
    steps,
    hostsInWindow,
    fillDate: fill?.fillDate ?? null,
    diskKnown: fill !== null,
    fill,
  };
}
