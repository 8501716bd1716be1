import { describe, expect, it } from "vitest";
import { seriesSegments, trendGrowth, type HistoryPoint, type HostHistory } from "@/lib/analysis/trendGrowth";
import { buildTrend } from "@/lib/analysis/trendWindow";

const GB = 1_000_000_000;
const HOUR = 3_600_000;
const T0 = Date.parse("2026-03-01T00:00:00Z");
const at = (hours: number) => new Date(T0 + hours * HOUR).toISOString();
const point = (hours: number, bytes: number, engineId: string | null = "E1"): HistoryPoint => ({
  takenAt: at(hours),
  images: bytes,
  containers: 0,
  volumes: 0,
  buildCache: 0,
  logs: null,
  engineId,
});
const host = (name: string, points: HistoryPoint[], more: Partial<HostHistory> = {}): HostHistory => ({ hostId: name, hostName: name, points, ...more });
/** A host polled hourly from `fromHour` to `toHour`, growing by `perHour` bytes an hour from `base`. */
const hourly = (name: string, fromHour: number, toHour: number, base: number, perHour: number, engineId = "E1") =>
  host(
    name,
    Array.from({ length: toHour - fromHour + 1 }, (_, i) => point(fromHour + i, base + i * perHour, engineId)),
  );
/** The last day: [24 h, 48 h). */
const DAY2 = { from: new Date(T0 + 24 * HOUR), to: new Date(T0 + 48 * HOUR) };

describe("trendGrowth: fleet", () => {
  it("measures growth only over hosts present for the whole window; a host added is a step, not growth", () => {
    const old = hourly("old", 0, 47, 10 * GB, 0.01 * GB);
    // Added three hours before the end with 70 GB: the "+73.6 GB/day a few minutes after adding hosts" bug.
    const added = hourly("added", 45, 47, 70 * GB, 0);
    const { growth, steps, hostsInWindow } = trendGrowth([old, added], DAY2, "fleet");
    expect(growth.status).toBe("measured");
    expect(growth.bytesPerDay).toBeCloseTo(0.24 * GB, 0);
    expect(growth.hostIds).toEqual(["old"]);
    expect(steps).toEqual([{ at: at(45), hostId: "added", hostName: "added", kind: "added", deltaBytes: 70 * GB }]);
    expect(hostsInWindow).toBe(2);
  });

  it("shows a host disabled in the window as a step down and leaves it out of the rate and the chart", () => {
    const old = hourly("old", 0, 47, 10 * GB, 0);
    const gone = host("gone", hourly("gone", 0, 30, 5 * GB, 0).points, { endedAt: at(30.5) });
    const trend = buildTrend([old, gone], DAY2, null, "fleet");
    expect(trend.steps).toEqual([{ at: at(30.5), hostId: "gone", hostName: "gone", kind: "removed", deltaBytes: -5 * GB }]);
    expect(trend.growth).toMatchObject({ status: "measured", hostIds: ["old"] });
    expect(trend.growthBytesPerDay).toBeCloseTo(0, 6);
    expect(trend.series.find((p) => p.takenAt === at(30))!.totalBytes).toBe(15 * GB);
    expect(trend.series.find((p) => p.takenAt === at(31))!.totalBytes).toBe(10 * GB);
  });

  it("treats another engine behind the same host as a new series: a step, and the host leaves the fleet rate", () => {
    const moved = host("moved", [...hourly("moved", 0, 35, 10 * GB, 0).points, ...hourly("moved", 36, 47, 2 * GB, 0, "E2").points]);
    const steady = hourly("steady", 0, 47, GB, 0.001 * GB);
    const { growth, steps } = trendGrowth([moved, steady], DAY2, "fleet");
    expect(steps).toEqual([{ at: at(36), hostId: "moved", hostName: "moved", kind: "new_series", deltaBytes: -8 * GB }]);
    expect(growth.hostIds).toEqual(["steady"]);
    expect(growth.bytesPerDay).toBeCloseTo(0.024 * GB, 0);
  });

  it("reads the host's seriesStartedAt where old snapshots carry no engine ID", () => {
    const points = [...hourly("h", 0, 35, 10 * GB, 0).points, ...hourly("h", 36, 47, 2 * GB, 0).points].map((p) => ({ ...p, engineId: null }));
    expect(seriesSegments({ points, seriesStartedAt: at(35.5) }).map((s) => s.length)).toEqual([36, 12]);
    expect(trendGrowth([host("h", points, { seriesStartedAt: at(35.5) })], DAY2, "fleet").steps.map((s) => s.kind)).toEqual(["new_series"]);
  });

  it("says not enough history yet when no host was present for the whole window", () => {
    const { growth, steps } = trendGrowth([hourly("a", 40, 47, GB, GB), hourly("b", 44, 47, GB, GB)], DAY2, "fleet");
    expect(growth).toEqual({ status: "not_enough_history", bytesPerDay: null, hostIds: [], from: null, to: null });
    expect(steps.map((s) => [s.hostId, s.kind])).toEqual([
      ["a", "added"],
      ["b", "added"],
    ]);
  });

  it("leaves out of the rate a host with no good poll inside the window (unreachable all day): its bytes are only held", () => {
    const old = hourly("old", 0, 47, 10 * GB, 0.01 * GB);
    const silent = hourly("silent", 0, 20, 5 * GB, GB);
    const { growth, steps } = trendGrowth([old, silent], DAY2, "fleet");
    expect(growth.hostIds).toEqual(["old"]);
    expect(growth.bytesPerDay).toBeCloseTo(0.24 * GB, 0);
    expect(steps).toEqual([]);
  });

  it("gives no rate from less than an hour of data, whatever the bytes did", () => {
    const window = { from: new Date(T0), to: new Date(T0 + 59 * 60_000) };
    const minutes = host("m", [point(0, 0), point(0.5, 50 * GB), { ...point(0, 99 * GB), takenAt: new Date(T0 + 58 * 60_000).toISOString() }]);
    expect(trendGrowth([minutes], window, "fleet").growth.status).toBe("not_enough_history");
    expect(trendGrowth([minutes], window, "host").growth.status).toBe("not_enough_history");
  });
});

describe("trendGrowth: one host", () => {
  it("measures a host added inside the window over its own polls once they span an hour", () => {
    const young = hourly("young", 45, 47, 70 * GB, 0.1 * GB);
    const { growth, steps } = trendGrowth([young], DAY2, "host");
    expect(growth).toMatchObject({ status: "measured", from: at(45), to: at(47) });
    expect(growth.bytesPerDay).toBeCloseTo(2.4 * GB, 0);
    expect(steps.map((s) => s.kind)).toEqual(["added"]);
    expect(trendGrowth([hourly("new", 47, 47, GB, 0)], DAY2, "host").growth.status).toBe("not_enough_history");
  });

  it("measures only the new engine's polls after an engine change", () => {
    const moved = host("moved", [...hourly("moved", 0, 35, 10 * GB, GB).points, ...hourly("moved", 36, 47, 2 * GB, 0.01 * GB, "E2").points]);
    const { growth } = trendGrowth([moved], DAY2, "host");
    expect(growth).toMatchObject({ status: "measured", from: at(36), to: at(47) });
    expect(growth.bytesPerDay).toBeCloseTo(0.24 * GB, 0);
  });

  it("carries a poll from before the window in, so a host polled for days has a rate over the whole window", () => {
    const daily = host("daily", [point(0, 0), point(30, GB), point(47, 2 * GB)]);
    expect(trendGrowth([daily], DAY2, "host").growth).toMatchObject({ status: "measured", from: at(24), to: at(47) });
  });

  it("has no rate for a host disabled before the window", () => {
    const gone = host("gone", hourly("gone", 0, 10, GB, GB).points, { endedAt: at(11) });
    expect(trendGrowth([gone], DAY2, "host")).toMatchObject({ growth: { status: "not_enough_history" }, steps: [], hostsInWindow: 0 });
  });
});
