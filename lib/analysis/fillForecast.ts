import type { Filesystem } from "@/lib/collect/schema";
import { fillDate, MS_PER_DAY } from "@/lib/analysis/trends";

// The one rule for a filesystem's fill date, used on the host card, in Reports and in trends:
// free bytes ÷ the daily growth of the filesystem's used bytes over the trend window (least-squares
// slope of every reading in the window). Flat or shrinking: "not filling". Readings spanning under an
// hour: "not enough history" (a few minutes of noise would give absurd dates). No clock is read here.

/** One snapshot's filesystems as the agent measured them. */
export type DiskReading = { takenAt: string; filesystems: Filesystem[] };

export type FillWindow = { from: string; to: string };

export type FillForecast = {
  path: string;
  sizeBytes: number;
  usedBytes: number;
  freeBytes: number;
  /** The readings the rule used: first and last time, and how many. */
  window: FillWindow;
  readings: number;
} & (
  | { status: "fills"; growthBytesPerDay: number; fillDate: string }
  | { status: "not_filling"; growthBytesPerDay: number; fillDate: null }
  | { status: "not_enough_history"; growthBytesPerDay: null; fillDate: null }
);

export const MIN_HISTORY_MS = 60 * 60 * 1000;

/** The window the host card uses (Reports use the report's period). */
export const HOST_CARD_FILL_WINDOW_DAYS = 7;

function slopePerDay(points: { at: number; value: number }[]): number | null {
  if (points.length < 2) return null;
  const meanAt = points.reduce((sum, p) => sum + p.at, 0) / points.length;
  const meanValue = points.reduce((sum, p) => sum + p.value, 0) / points.length;
  let covariance = 0;
  let variance = 0;
  for (const p of points) {
    covariance += (p.at - meanAt) * (p.value - meanValue);
    variance += (p.at - meanAt) ** 2;
  }
  return variance === 0 ? null : (covariance / variance) * MS_PER_DAY;
}

/** The forecast for one filesystem (by path) from readings in the window, or null when it was never read. */
export function fillForecast(readings: DiskReading[], path: string, range: { from: Date; to: Date }): FillForecast | null {
  const points = readings
    .map((reading) => ({ at: Date.parse(reading.takenAt), fs: reading.filesystems.find((candidate) => candidate.path === path) }))
    .filter((point): point is { at: number; fs: Filesystem } => point.fs !== undefined && point.at >= range.from.getTime() && point.at < range.to.getTime())
    .sort((a, b) => a.at - b.at);
  const latest = points.at(-1);
  if (!latest) return null;
  const base = {
    path,
    sizeBytes: latest.fs.sizeBytes,
    usedBytes: latest.fs.usedBytes,
    freeBytes: latest.fs.freeBytes,
    window: { from: new Date(points[0].at).toISOString(), to: new Date(latest.at).toISOString() },
    readings: points.length,
  };
  const growth = latest.at - points[0].at < MIN_HISTORY_MS ? null : slopePerDay(points.map((p) => ({ at: p.at, value: p.fs.usedBytes })));
  if (growth === null) return { ...base, status: "not_enough_history", growthBytesPerDay: null, fillDate: null };
  const date = fillDate({ takenAt: new Date(latest.at).toISOString(), totalBytes: latest.fs.sizeBytes, freeBytes: latest.fs.freeBytes }, growth);
  return date === null
    ? { ...base, status: "not_filling", growthBytesPerDay: growth, fillDate: null }
    : { ...base, status: "fills", growthBytesPerDay: growth, fillDate: date };
}

/** A forecast for every filesystem of the newest reading in the window (data root first, as the agent lists them). */
export function fillForecasts(readings: DiskReading[], range: { from: Date; to: Date }): FillForecast[] {
  const inWindow = readings.filter((r) => Date.parse(r.takenAt) >= range.from.getTime() && Date.parse(r.takenAt) < range.to.getTime());
  const newest = [...inWindow].sort((a, b) => Date.parse(a.takenAt) - Date.parse(b.takenAt)).at(-1);
  return (newest?.filesystems ?? []).map((fs) => fillForecast(readings, fs.path, range)).filter((forecast) => forecast !== null);
}
