import { totalBytes } from "./cost";
import { growthPerDay, seriesInWindow, type TotalsPoint } from "./trends";

// The one rule for growth per day, used by every view that shows a trend (Reports, the host page, the
// fleet page and its table). A rate measures bytes a host's engine wrote, so it only ever looks at one
// unbroken series per host:
// - fleet: only hosts present for the whole window (polled at or before its start, still in at its end,
//   same engine throughout, and polled inside it) count towards the rate;
// - one host: its current series inside the window (after an engine change, only the new engine's polls).
// A host added, removed (disabled) or answering as another engine (a new series) is a step: listed with
// its bytes, drawn in the chart, never growth. Under an hour of data gives no rate: "not enough history".
// No clock is read here.

export const MIN_RATE_SPAN_MS = 3_600_000;

/** A good poll's totals, with the `/info` engine ID where the snapshot recorded it. */
export type HistoryPoint = TotalsPoint & { engineId?: string | null };

export type HostHistory = {
  hostId: string;
  hostName: string;
  /** Good polls in the window and the newest one before it (it carries in), any order. */
  points: HistoryPoint[];
  /** When the host's current series began (another engine answered); null: with its first poll. */
  seriesStartedAt?: string | null;
  /** When the host left the fleet (disabled); from then on it no longer counts. */
  endedAt?: string | null;
};

export type StepKind = "added" | "removed" | "new_series";

/** A change in the totals that is not growth: a host joined, left, or another engine answered it. */
export type TrendStep = { at: string; hostId: string; hostName: string; kind: StepKind; deltaBytes: number };

export type GrowthScope = "fleet" | "host";

export type GrowthMeasure =
  | { status: "measured"; bytesPerDay: number; hostIds: string[]; from: string; to: string }
  | { status: "not_enough_history"; bytesPerDay: null; hostIds: string[]; from: null; to: null };

export type TrendGrowth = {
  growth: GrowthMeasure;
  /** Steps inside the window, oldest first. */
  steps: TrendStep[];
  /** Hosts with any data in the window (the measured ones are `growth.hostIds`). */
  hostsInWindow: number;
};

type Timed = HistoryPoint & { at: number };

/** A host's polls split into series: a new one where the engine ID changes or at `seriesStartedAt`. */
export function seriesSegments(host: Pick<HostHistory, "points" | "seriesStartedAt" | "endedAt">): Timed[][] {
  const end = host.endedAt ? Date.parse(host.endedAt) : Infinity;
  const started = host.seriesStartedAt ? Date.parse(host.seriesStartedAt) : null;
  const points = host.points
    .map((point) => ({ ...point, at: Date.parse(point.takenAt) }))
    .filter((point) => point.at < end)
    .sort((a, b) => a.at - b.at);
  const segments: Timed[][] = [];
  points.forEach((point, index) => {
    const previous = points[index - 1];
    const otherEngine = previous?.engineId && point.engineId && previous.engineId !== point.engineId;
    const crossesStart = previous && started !== null && previous.at < started && point.at >= started;
    if (!previous || otherEngine || crossesStart) segments.push([point]);
    else segments.at(-1)!.push(point);
  });
  return segments;
}

function hostSteps(host: HostHistory, segments: Timed[][], from: number, to: number): TrendStep[] {
  // At `from` exactly, the host was there for the whole window: no step.
  const inWindow = (at: number) => at > from && at < to;
  const step = (at: number, kind: StepKind, deltaBytes: number): TrendStep => ({
    at: new Date(at).toISOString(),
    hostId: host.hostId,
    hostName: host.hostName,
    kind,
    deltaBytes,
  });
  const steps: TrendStep[] = [];
  segments.forEach((segment, index) => {
    if (!inWindow(segment[0].at)) return;
    if (index === 0) steps.push(step(segment[0].at, "added", totalBytes(segment[0])));
    else steps.push(step(segment[0].at, "new_series", totalBytes(segment[0]) - totalBytes(segments[index - 1].at(-1)!)));
  });
  const end = host.endedAt ? Date.parse(host.endedAt) : null;
  const last = segments.at(-1)?.at(-1);
  if (end !== null && last && inWindow(end)) steps.push(step(end, "removed", -totalBytes(last)));
  return steps;
}

/** The points of one series that matter for [from, to): the newest at or before `from`, and those inside. */
function windowPoints(segment: Timed[], from: number, to: number): Timed[] {
  const before = segment.filter((point) => point.at <= from).at(-1);
  return [...(before ? [before] : []), ...segment.filter((point) => point.at > from && point.at < to)];
}

/** The series each scope measures, or null when the host does not count towards the rate. */
function measuredSegment(host: HostHistory, segments: Timed[][], from: number, to: number, scope: GrowthScope): Timed[] | null {
  if (host.endedAt && Date.parse(host.endedAt) <= from) return null;
  const current = segments.filter((segment) => segment[0].at < to).at(-1);
  if (!current) return null;
  if (scope === "host") return windowPoints(current, from, to);
  // Fleet: one series from at or before `from` to the end of the window, the host still in at `to`, and
  // read at least once inside it (a host unreachable all window would only add a held, flat value).
  const ended = host.endedAt !== null && host.endedAt !== undefined && Date.parse(host.endedAt) < to;
  const points = windowPoints(current, from, to);
  return current[0].at <= from && !ended && points.some((point) => point.at > from) ? points : null;
}

/** Growth per day over [from, to) by the rule above, with the steps that are not growth. */
export function trendGrowth(hosts: HostHistory[], window: { from: Date; to: Date }, scope: GrowthScope): TrendGrowth {
  const from = window.from.getTime();
  const to = window.to.getTime();
  const steps: TrendStep[] = [];
  const measured: { host: HostHistory; points: Timed[] }[] = [];
  let hostsInWindow = 0;
  for (const host of hosts) {
    const segments = seriesSegments(host);
    steps.push(...hostSteps(host, segments, from, to));
    const left = host.endedAt ? Date.parse(host.endedAt) <= from : false;
    if (!left && segments.some((segment) => windowPoints(segment, from, to).length > 0)) hostsInWindow += 1;
    const points = measuredSegment(host, segments, from, to, scope);
    if (points && points.length > 0) measured.push({ host, points });
  }
  steps.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const notEnough: GrowthMeasure = { status: "not_enough_history", bytesPerDay: null, hostIds: measured.map((m) => m.host.hostId), from: null, to: null };
  if (measured.length === 0) return { growth: notEnough, steps, hostsInWindow };
  // A host's first measured point may lie before `from`: the series then starts at `from` with its values.
  const start = Math.max(from, Math.min(...measured.map((m) => m.points[0].at)));
  const series = seriesInWindow(
    measured.map((m) => ({ points: m.points })),
    new Date(start),
    window.to,
  );
  const span = series.length > 0 ? series.at(-1)!.at - series[0].at : 0;
  const rate = span >= MIN_RATE_SPAN_MS ? growthPerDay(series) : null;
  if (rate === null) return { growth: notEnough, steps, hostsInWindow };
  return {
    growth: {
      status: "measured",
      bytesPerDay: rate,
      hostIds: measured.map((m) => m.host.hostId),
      from: new Date(series[0].at).toISOString(),
      to: new Date(series.at(-1)!.at).toISOString(),
    },
    steps,
    hostsInWindow,
  };
}
