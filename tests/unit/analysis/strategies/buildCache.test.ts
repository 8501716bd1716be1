import { describe, expect, it } from "vitest";
import { buildCache } from "@/lib/analysis/strategies/buildCache";
import { DEFAULT_STRATEGY_SETTINGS as settings } from "@/lib/analysis/strategies/types";
import { buildSnapshot } from "@/tests/support/snapshotBuilder";

const now = new Date("2026-03-01T00:00:00.000Z");
const old = "2026-02-01T00:00:00.000Z";
const recent = "2026-02-27T00:00:00.000Z";

describe("buildCache", () => {
  it("targets private records not in use and last used more than N days ago", () => {
    const snapshot = buildSnapshot({
      images: [],
      buildCache: [
        { id: "stale", lastUsedAt: old, sizeBytes: 300, description: "mount / from exec /bin/sh -c make" },
        { id: "fresh", lastUsedAt: recent, sizeBytes: 1 },
        { id: "busy", lastUsedAt: old, inUse: true, sizeBytes: 1 },
        { id: "layer", lastUsedAt: old, shared: true, sizeBytes: 1 },
      ],
    });
    const suggestion = buildCache(snapshot, settings, now);
    expect(suggestion).toMatchObject({ strategy: "build_cache", bytes: 300, risk: "low", actionable: true });
    expect(suggestion.targets).toEqual([{ kind: "build-cache", id: "stale", name: "mount / from exec /bin/sh -c make", bytes: 300 }]);
  });

  it("falls back to the creation time for records never used, and skips records of unknown age", () => {
    const snapshot = buildSnapshot({
      images: [],
      buildCache: [
        { id: "never-used", lastUsedAt: null, createdAt: old, sizeBytes: 2 },
        { id: "unknown", lastUsedAt: null, createdAt: null, sizeBytes: 3 },
      ],
    });
    expect(buildCache(snapshot, settings, now).targets.map((target) => target.id)).toEqual(["never-used"]);
  });

  it("follows the days setting", () => {
    const snapshot = buildSnapshot({ images: [], buildCache: [{ lastUsedAt: recent, sizeBytes: 1 }] });
    expect(buildCache(snapshot, { ...settings, buildCacheUnusedDays: 1 }, now).targets).toHaveLength(1);
  });
});
