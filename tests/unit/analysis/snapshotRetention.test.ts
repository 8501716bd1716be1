import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { snapshotsToRemove, type RetentionCandidate, type RetentionInput } from "@/lib/analysis/snapshotRetention";

const NOW = new Date(Date.UTC(2026, 5, 1, 0, 0));
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const POLICY = { keepFullDays: 14, keepHourlyDays: 90 };

/** A snapshot `minutesAgo` before NOW. */
const snap = (minutesAgo: number, extra: Partial<RetentionCandidate> = {}): RetentionCandidate => ({
  id: `s${minutesAgo}`,
  takenAt: new Date(NOW.getTime() - minutesAgo * 60_000).toISOString(),
  status: "ok",
  engineId: "E1",
  ...extra,
});
const input = (extra: Partial<RetentionInput> = {}): RetentionInput => ({ now: NOW, policy: POLICY, pinned: new Set(), seriesStartedAt: null, ...extra });
/** Every 5 minutes from `fromDaysAgo` to `toDaysAgo` (inclusive of the older end). */
const polls = (fromDaysAgo: number, toDaysAgo: number, extra: Partial<RetentionCandidate> = {}) =>
  Array.from({ length: Math.round(((fromDaysAgo - toDaysAgo) * DAY) / 300_000) }, (_, i) => snap(fromDaysAgo * 1440 - i * 5, extra));
const kept = (all: RetentionCandidate[], options = input()) => {
  const removed = new Set(snapshotsToRemove(all, options));
  return all.filter((s) => !removed.has(s.id));
};

describe("snapshotsToRemove", () => {
  it("keeps every snapshot younger than the full-resolution days", () => {
    const recent = polls(13.9, 0);
    expect(snapshotsToRemove(recent, input())).toEqual([]);
  });

  it("thins to the first snapshot of each UTC hour between the full and the hourly days", () => {
    const older = polls(20, 18);
    const left = kept([...older, snap(0)]).filter((s) => s.id !== "s0");
    expect(left).toHaveLength(48);
    const hours = left.map((s) => Math.floor(Date.parse(s.takenAt) / HOUR));
    expect(new Set(hours).size).toBe(48);
    // Each is the first poll of its hour (NOW is on the hour, so polls fall on :00, :05, …).
    expect(left.every((s) => new Date(s.takenAt).getUTCMinutes() === 0)).toBe(true);
  });

  it("thins to the first snapshot of each UTC day past the hourly days", () => {
    const old = polls(100, 95);
    const left = kept([...old, snap(0)]).filter((s) => s.id !== "s0");
    expect(left.map((s) => s.takenAt.slice(11))).toEqual(Array(5).fill("00:00:00.000Z"));
  });

  it("with hourly days not above full days, goes straight to daily", () => {
    const older = polls(20, 18);
    const left = kept([...older, snap(0)], input({ policy: { keepFullDays: 14, keepHourlyDays: 7 } })).filter((s) => s.id !== "s0");
    expect(left).toHaveLength(2);
  });

  it("never removes a pinned snapshot, the newest good one or the newest poll, however old", () => {
    const old = polls(40, 39);
    const pinned = old[7].id;
    const failedLast = snap(39 * 1440 - 30, { id: "failed-last", status: "failed" });
    const left = new Set(kept([...old, failedLast], input({ pinned: new Set([pinned]) })).map((s) => s.id));
    expect(left.has(pinned)).toBe(true);
    expect(left.has(old.at(-1)!.id)).toBe(true);
    expect(left.has("failed-last")).toBe(true);
  });

  it("keeps the first snapshot of each series: the host's first, an engine ID change, seriesStartedAt", () => {
    const first = polls(30, 29.9);
    const otherEngine = polls(29.5, 29.4, { engineId: "E2" }).map((s) => ({ ...s, id: `${s.id}-e2` }));
    const later = polls(29.2, 29.1, { engineId: "E2" });
    const seriesStartedAt = later[3].takenAt;
    const left = new Set(kept([...first, ...otherEngine, ...later, snap(0, { engineId: "E2" })], input({ seriesStartedAt })).map((s) => s.id));
    expect(left.has(first[0].id)).toBe(true);
    expect(left.has(otherEngine[0].id)).toBe(true);
    expect(left.has(later[3].id)).toBe(true);
  });

  it("keeps what a kept snapshot requires, transitively (an image part's holder and its delta chain)", () => {
    const old = polls(20, 19.9);
    const kept0 = old[0];
    // old[0] (first of its hour, kept) reads its images from old[5], a delta on old[3], a delta on keyframe old[1].
    const requires = new Map([
      [kept0.id, [old[5].id]],
      [old[5].id, [old[3].id]],
      [old[3].id, [old[1].id]],
      [old[7].id, [old[8].id]],
    ]);
    const removed = new Set(snapshotsToRemove([...old, snap(0)], input({ requires })));
    for (const s of [old[5], old[3], old[1]]) expect(removed.has(s.id)).toBe(false);
    // old[7] is thinned itself, so what it requires is not kept for it.
    expect(removed.has(old[7].id)).toBe(true);
    expect(removed.has(old[8].id)).toBe(true);
  });

  it("thins failed polls apart from good ones: the first failure of each bucket stays", () => {
    const good = polls(20, 19.9);
    const failed = polls(20, 19.9, { status: "failed" }).map((s) => ({
      ...s,
      id: `${s.id}-f`,
      takenAt: new Date(Date.parse(s.takenAt) + 60_000).toISOString(),
    }));
    const left = kept([...good, ...failed, snap(0)]).filter((s) => s.id !== "s0");
    const failedLeft = left.filter((s) => s.status === "failed");
    const goodLeft = left.filter((s) => s.status === "ok");
    expect(failedLeft.length).toBe(goodLeft.length);
    expect(failedLeft.length).toBeGreaterThan(0);
    expect(failedLeft.length).toBeLessThanOrEqual(4);
  });

  const history = fc
    .array(
      fc.record({
        minutesAgo: fc.integer({ min: 0, max: 150 * 1440 }),
        failed: fc.boolean(),
        engine: fc.constantFrom("E1", "E2"),
        pinned: fc.boolean(),
      }),
      { maxLength: 300 },
    )
    .map((specs) => {
      const snapshots = specs.map((spec, i) => ({
        ...snap(spec.minutesAgo, { status: spec.failed ? ("failed" as const) : ("ok" as const), engineId: spec.engine }),
        id: `s${i}`,
      }));
      const pinned = new Set(specs.flatMap((spec, i) => (spec.pinned && i % 7 === 0 ? [`s${i}`] : [])));
      return { snapshots, pinned };
    });

  it("is idempotent: a second pass at the same time removes nothing", () => {
    fc.assert(
      fc.property(history, ({ snapshots, pinned }) => {
        const options = input({ pinned });
        expect(snapshotsToRemove(kept(snapshots, options), options)).toEqual([]);
      }),
    );
  });

  it("hourly passes end where one late pass would, and never touch the young, the pinned or the newest", () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 1, max: 20 * 24 }), ({ snapshots, pinned }, hoursLater) => {
        const early = input({ pinned });
        const late = input({ pinned, now: new Date(NOW.getTime() + hoursLater * HOUR) });
        const stepwise = kept(kept(snapshots, early), late).map((s) => s.id);
        expect(stepwise).toEqual(kept(snapshots, late).map((s) => s.id));
        const removed = new Set(snapshotsToRemove(snapshots, early));
        for (const id of pinned) expect(removed.has(id)).toBe(false);
        for (const s of snapshots) if (NOW.getTime() - Date.parse(s.takenAt) < 14 * DAY) expect(removed.has(s.id)).toBe(false);
        const newest = [...snapshots].sort((a, b) => Date.parse(a.takenAt) - Date.parse(b.takenAt) || (a.id < b.id ? -1 : 1)).at(-1);
        if (newest) expect(removed.has(newest.id)).toBe(false);
      }),
    );
  });
});
