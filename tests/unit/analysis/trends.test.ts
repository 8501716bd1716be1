import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { filterRange, fillDate, fleetSeries, growthPerDay, hostSeries, inRange, totalsPoint, type TotalsPoint } from "@/lib/analysis/trends";
import { buildSnapshot } from "@/tests/support/snapshotBuilder";

const DAY = 86_400_000;
const point = (takenAt: string, images: number, logs: number | null = null): TotalsPoint => ({
  takenAt,
  images,
  containers: 0,
  volumes: 0,
  buildCache: 0,
  logs,
});

describe("time ranges", () => {
  const range = { from: new Date("2026-03-01T00:00:00Z"), to: new Date("2026-04-01T00:00:00Z") };

  it("includes `from` and excludes `to`", () => {
    expect(inRange(range.from.getTime(), range)).toBe(true);
    expect(inRange(range.to.getTime(), range)).toBe(false);
    expect(inRange(range.to.getTime() - 1, range)).toBe(true);
    expect(inRange(0, {})).toBe(true);
  });

  it("compares instants, whatever offset the time was written with", () => {
    const points = [point("2026-02-28T22:00:00-03:00", 1), point("2026-02-28T20:59:59-03:00", 2)];
    expect(filterRange(points, range).map((p) => p.images)).toEqual([1]);
  });
});

describe("hostSeries", () => {
  it("sorts by time, adds the total and keeps the range", () => {
    const series = hostSeries([point("2026-03-03T00:00:00Z", 30, 5), point("2026-03-01T00:00:00Z", 10), point("2026-02-01T00:00:00Z", 1)], {
      from: new Date("2026-03-01T00:00:00Z"),
    });
    expect(series.map((p) => [p.takenAt, p.totalBytes])).toEqual([
      ["2026-03-01T00:00:00.000Z", 10],
      ["2026-03-03T00:00:00.000Z", 35],
    ]);
    expect(series[0].at).toBe(Date.parse("2026-03-01T00:00:00Z"));
  });

  it("makes a point from a snapshot's category totals", () => {
    const snapshot = buildSnapshot({ images: [{ name: "a", layers: [{ diff: "a", size: 9 }] }] });
    expect(totalsPoint(snapshot)).toEqual({ takenAt: snapshot.takenAt, images: 9, containers: 0, volumes: 0, buildCache: 0, logs: null });
  });
});

describe("fleetSeries", () => {
  it("adds each host's latest point at or before each time (hosts polled at different times)", () => {
    const a = [point("2026-03-01T00:00:00Z", 100), point("2026-03-03T00:00:00Z", 120, 4)];
    const b = [point("2026-03-02T00:00:00Z", 7)];
    const series = fleetSeries([{ points: a }, { points: b }]);
    expect(series.map((p) => [p.takenAt.slice(0, 10), p.images, p.logs])).toEqual([
      ["2026-03-01", 100, null],
      ["2026-03-02", 107, null],
      ["2026-03-03", 127, 4],
    ]);
  });

  it("carries points from before the range into it", () => {
    const a = [point("2026-02-01T00:00:00Z", 100)];
    const b = [point("2026-03-02T00:00:00Z", 7)];
    const series = fleetSeries([{ points: a }, { points: b }], { from: new Date("2026-03-01T00:00:00Z") });
    expect(series.map((p) => p.totalBytes)).toEqual([107]);
  });

  it("equals the sum of host series at times every host was polled", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.nat(1000), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 4 }), (hosts) => {
        // Every host polled daily from the same day: the fleet is the plain sum per day.
        const points = hosts.map((values) => values.map((v, day) => point(new Date(Date.UTC(2026, 2, 1 + day)).toISOString(), v)));
        const fleet = fleetSeries(points.map((p) => ({ points: p })));
        const days = Math.max(...hosts.map((values) => values.length));
        for (let day = 0; day < days; day += 1) {
          const expected = hosts.reduce((sum, values) => sum + values[Math.min(day, values.length - 1)], 0);
          expect(fleet[day].totalBytes).toBe(expected);
        }
      }),
    );
  });
});

describe("growthPerDay", () => {
  it("finds the slope of a straight line in bytes per day", () => {
    const series = hostSeries([0, 1, 2, 3].map((day) => point(new Date(Date.UTC(2026, 2, 1) + day * DAY).toISOString(), 1e9 + day * 5e6)));
    expect(growthPerDay(series)).toBeCloseTo(5e6, 3);
    expect(growthPerDay(series, "images")).toBeCloseTo(5e6, 3);
    expect(growthPerDay(series, "logs")).toBe(0);
  });

  it("is least squares over noisy points", () => {
    const series = hostSeries([point("2026-03-01T00:00:00Z", 0), point("2026-03-02T00:00:00Z", 30), point("2026-03-03T00:00:00Z", 30)]);
    expect(growthPerDay(series)).toBeCloseTo(15, 9);
  });

  it("is null with fewer than two distinct times", () => {
    expect(growthPerDay([])).toBeNull();
    expect(growthPerDay(hostSeries([point("2026-03-01T00:00:00Z", 1)]))).toBeNull();
    expect(growthPerDay(hostSeries([point("2026-03-01T00:00:00Z", 1), point("2026-03-01T00:00:00Z", 2)]))).toBeNull();
  });
});

describe("fillDate", () => {
  const disk = { takenAt: "2026-03-10T00:00:00Z", totalBytes: 100e9, freeBytes: 10e9 };

  it("divides free bytes by the growth rate", () => {
    expect(fillDate(disk, 1e9)).toBe("2026-03-20T00:00:00.000Z");
  });

  it("is null when the disk is unknown or not growing", () => {
    expect(fillDate(null, 1e9)).toBeNull();
    expect(fillDate({ ...disk, freeBytes: null }, 1e9)).toBeNull();
    expect(fillDate({ ...disk, totalBytes: null }, 1e9)).toBeNull();
    expect(fillDate(disk, 0)).toBeNull();
    expect(fillDate(disk, -5)).toBeNull();
    expect(fillDate(disk, null)).toBeNull();
  });

  it("says a full disk is full now and gives up beyond the last representable date", () => {
    expect(fillDate({ ...disk, freeBytes: 0 }, 1)).toBe("2026-03-10T00:00:00.000Z");
    expect(fillDate(disk, 1e-12)).toBeNull();
  });
});
