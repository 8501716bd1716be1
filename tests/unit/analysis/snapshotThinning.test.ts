import { describe, expect, it } from "vitest";
import { thinToSteps } from "@/lib/analysis/snapshotThinning";

const at = (hours: number) => ({ takenAt: new Date(Date.UTC(2026, 1, 1) + hours * 3_600_000).toISOString(), hours });
const FROM = new Date(Date.UTC(2026, 1, 1));
const TO = new Date(Date.UTC(2026, 1, 2));

describe("thinToSteps", () => {
  it("keeps everything, oldest first, when there are no more snapshots than steps", () => {
    const items = [at(5), at(-3), at(1)];
    expect(thinToSteps(items, FROM, TO, 3).map((i) => i.hours)).toEqual([-3, 1, 5]);
  });

  it("keeps the snapshot in force at each step, including the carry-in before `from`", () => {
    const hourly = [at(-2), ...Array.from({ length: 24 }, (_, h) => at(h + 0.5))];
    // 4 steps of 6 h: in force at 0 h is the carry-in, at 6 h the 5.5 h poll, and so on.
    expect(thinToSteps(hourly, FROM, TO, 4).map((i) => i.hours)).toEqual([-2, 5.5, 11.5, 17.5]);
  });

  it("keeps a host's first snapshot when it began after a step, so earlier time still counts 0", () => {
    const late = Array.from({ length: 10 }, (_, h) => at(13 + h));
    expect(thinToSteps(late, FROM, TO, 4).map((i) => i.hours)).toEqual([13, 18]);
  });

  it("never keeps more than the number of steps plus nothing twice", () => {
    const many = Array.from({ length: 500 }, (_, i) => at(i * 0.05 - 1));
    const kept = thinToSteps(many, FROM, TO, 50);
    expect(kept.length).toBeLessThanOrEqual(50);
    expect(new Set(kept).size).toBe(kept.length);
  });
});
