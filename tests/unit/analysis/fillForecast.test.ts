import { describe, expect, it } from "vitest";
import { fillForecast, fillForecasts, type DiskReading } from "@/lib/analysis/fillForecast";

const GiB = 1024 ** 3;
const range = { from: new Date("2026-03-01T00:00:00Z"), to: new Date("2026-04-01T00:00:00Z") };
const reading = (takenAt: string, used: number, extra: DiskReading["filesystems"] = []): DiskReading => ({
  takenAt,
  filesystems: [{ path: "/var/lib/docker", sizeBytes: 100 * GiB, usedBytes: used, freeBytes: 100 * GiB - used, freeInodes: 1000 }, ...extra],
});

describe("fill forecast", () => {
  it("divides free bytes by the daily growth of used bytes over the window", () => {
    const readings = [reading("2026-03-01T00:00:00Z", 50 * GiB), reading("2026-03-02T00:00:00Z", 51 * GiB), reading("2026-03-03T00:00:00Z", 52 * GiB)];
    const forecast = fillForecast(readings, "/var/lib/docker", range)!;
    expect(forecast.status).toBe("fills");
    expect(forecast.growthBytesPerDay).toBeCloseTo(GiB, 3);
    // 48 GiB free at 1 GiB/day from March 3rd.
    expect(forecast.fillDate).toBe("2026-04-20T00:00:00.000Z");
    expect(forecast.window).toEqual({ from: "2026-03-01T00:00:00.000Z", to: "2026-03-03T00:00:00.000Z" });
    expect(forecast.readings).toBe(3);
  });

  it("says not filling when used bytes are flat or shrinking", () => {
    expect(fillForecast([reading("2026-03-01T00:00:00Z", 50 * GiB), reading("2026-03-02T00:00:00Z", 50 * GiB)], "/var/lib/docker", range)!.status).toBe(
      "not_filling",
    );
    expect(fillForecast([reading("2026-03-01T00:00:00Z", 50 * GiB), reading("2026-03-02T00:00:00Z", 40 * GiB)], "/var/lib/docker", range)!.status).toBe(
      "not_filling",
    );
  });

  it("needs an hour of history", () => {
    const forecast = fillForecast([reading("2026-03-01T00:00:00Z", 50 * GiB), reading("2026-03-01T00:59:00Z", 60 * GiB)], "/var/lib/docker", range)!;
    expect(forecast.status).toBe("not_enough_history");
    expect(fillForecast([reading("2026-03-01T00:00:00Z", 1)], "/var/lib/docker", range)!.status).toBe("not_enough_history");
  });

  it("ignores readings outside the window and forecasts every filesystem of the newest reading", () => {
    const containerd = (used: number) => [{ path: "/var/lib/containerd", sizeBytes: 10 * GiB, usedBytes: used, freeBytes: 10 * GiB - used, freeInodes: 5 }];
    const readings = [
      reading("2026-02-01T00:00:00Z", 0),
      reading("2026-03-01T00:00:00Z", 50 * GiB, containerd(1 * GiB)),
      reading("2026-03-02T00:00:00Z", 50 * GiB, containerd(2 * GiB)),
    ];
    const forecasts = fillForecasts(readings, range);
    expect(forecasts.map((f) => [f.path, f.status])).toEqual([
      ["/var/lib/docker", "not_filling"],
      ["/var/lib/containerd", "fills"],
    ]);
    expect(forecasts[1].fillDate).toBe("2026-03-10T00:00:00.000Z");
    expect(fillForecasts([], range)).toEqual([]);
  });
});
