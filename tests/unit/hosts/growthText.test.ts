import { describe, expect, it } from "vitest";
import { chartSteps, fleetGrowthNote, rateText, stepText } from "@/components/hosts/growthText";
import type { TrendStep } from "@/lib/analysis/trendGrowth";

const step = (at: string, hostName: string, kind: TrendStep["kind"], deltaBytes: number): TrendStep => ({ at, hostId: hostName, hostName, kind, deltaBytes });

describe("growth and steps in words", () => {
  it("says not enough history yet instead of a rate", () => {
    expect(rateText(null)).toBe("not enough history yet");
    expect(rateText(-1_500_000_000)).toBe("−1.50 GB/day");
    expect(fleetGrowthNote({ status: "not_enough_history", bytesPerDay: null, hostIds: [], from: null, to: null }, 3, "day")).toContain(
      "no host was polled for the whole day",
    );
  });

  it("names each step with its bytes, and shares one chart label between steps close together", () => {
    expect(stepText(step("2026-03-01T10:00:00Z", "ci-2", "added", 70e9))).toBe("ci-2 added: +70.0 GB");
    expect(stepText(step("2026-03-01T10:00:00Z", "db", "new_series", -8e9))).toBe("db answers as another engine: new series: −8.00 GB");
    const steps = [
      step("2026-03-01T10:00:00Z", "a", "added", 1),
      step("2026-03-01T10:05:00Z", "b", "added", 1),
      step("2026-03-02T00:00:00Z", "c", "removed", -1),
    ];
    expect(chartSteps(steps, 3_600_000).map((s) => s.label)).toEqual(["2 steps", "− c"]);
  });
});
