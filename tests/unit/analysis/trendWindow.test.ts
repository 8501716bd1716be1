import { describe, expect, it } from "vitest";
import { buildTrend, holdUntil, samplePoints } from "@/lib/analysis/trendWindow";
import { seriesInWindow } from "@/lib/analysis/trends";
import { fillForecast } from "@/lib/analysis/fillForecast";
import type { TotalsPoint } from "@/lib/analysis/trends";

const point = (takenAt: string, images: number): TotalsPoint => ({ takenAt, images, containers: 0, volumes: 0, buildCache: 0, logs: null });
const host = (points: TotalsPoint[]) => ({ hostId: "h", hostName: "h", points });
const FEB = { from: new Date("2026-02-01T00:00:00Z"), to: new Date("2026-03-01T00:00:00Z") };

describe("seriesInWindow", () => {
  it("starts at `from` with the values a January poll carries in", () => {
    const series = seriesInWindow([{ points: [point("2026-01-20T00:00:00Z", 10), point("2026-02-10T00:00:00Z", 20)] }], FEB.from, FEB.to);
    expect(series.map((p) => [p.takenAt, p.images])).toEqual([
      ["2026-02-01T00:00:00.000Z", 10],
      ["2026-02-10T00:00:00.000Z", 20],
    ]);
  });

  it("adds hosts polled at different times as a step function, and leaves out polls after `to`", () => {
    const a = { points: [point("2026-02-02T00:00:00Z", 1), point("2026-03-02T00:00:00Z", 99)] };
    const b = { points: [point("2026-02-03T00:00:00Z", 5)] };
    expect(seriesInWindow([a, b], FEB.from, FEB.to).map((p) => p.totalBytes)).toEqual([1, 6]);
  });
});

describe("buildTrend", () => {
  it("grows by the slope per day and has no fill date while the disk is unknown", () => {
    const points = [point("2026-02-01T00:00:00Z", 0), point("2026-02-02T00:00:00Z", 1000), point("2026-02-03T00:00:00Z", 2000)];
    const trend = buildTrend([host(points)], FEB, null, "host");
    expect(trend.growthBytesPerDay).toBeCloseTo(1000, 6);
    expect([trend.fillDate, trend.diskKnown]).toEqual([null, false]);
  });

  it("gives the data root's fill date from its forecast when the agent measured the disk", () => {
    const points = [point("2026-02-01T00:00:00Z", 0), point("2026-02-02T00:00:00Z", 1000)];
    const readings = ["2026-02-01T00:00:00Z", "2026-02-02T00:00:00Z"].map((takenAt, i) => ({
      takenAt,
      filesystems: [{ path: "/var/lib/docker", sizeBytes: 10_000, usedBytes: 4000 + i * 1000, freeBytes: 6000 - i * 1000, freeInodes: 10 }],
    }));
    const trend = buildTrend([host(points)], FEB, fillForecast(readings, "/var/lib/docker", FEB), "host");
    expect(trend.fillDate).toBe("2026-02-07T00:00:00.000Z");
    expect(trend.diskKnown).toBe(true);
  });
});

describe("samplePoints", () => {
  it("keeps at most the asked number, first and last included", () => {
    const sampled = samplePoints(
      Array.from({ length: 1000 }, (_, i) => i),
      10,
    );
    expect(sampled).toHaveLength(10);
    expect([sampled[0], sampled.at(-1)]).toEqual([0, 999]);
  });
});

describe("holdUntil", () => {
  it("draws a single poll as a step held until now, and never past the range's end", () => {
    const one = [point("2026-02-10T00:00:00Z", 7)];
    const now = new Date("2026-02-12T00:00:00Z");
    const held = buildTrend([host(one)], { ...FEB, until: now }, null, "host").series;
    expect(held.map((p) => [p.takenAt, p.images])).toEqual([
      ["2026-02-10T00:00:00.000Z", 7],
      ["2026-02-12T00:00:00.000Z", 7],
    ]);
    const later = buildTrend([host(one)], { ...FEB, until: new Date("2026-05-01T00:00:00Z") }, null, "host").series;
    expect(later.at(-1)!.takenAt).toBe("2026-03-01T00:00:00.000Z");
    expect(holdUntil([], now)).toEqual([]);
  });
});
