import { describe, expect, it } from "vitest";
import { buildCacheSkipReason, containerSkipReason, imageReadBack, imageSkipReason, runStatus, volumeSkipReason } from "@/lib/analysis/actionChecks";
import { DEFAULT_STRATEGY_SETTINGS as settings } from "@/lib/analysis/strategies/types";
import { strategySettingsFromEnv } from "@/lib/actions/strategySettings";

const image = { id: "sha256:a", tags: ["x:1"], labels: {}, usedBy: [], children: [] };

describe("re-checks before a delete", () => {
  it("skips an image a container now uses, one built on, a protected one, or one whose tags changed", () => {
    expect(imageSkipReason(image, "sha256:a", ["x:1"], settings)).toBeNull();
    expect(imageSkipReason(null, "sha256:a", ["x:1"], settings)).toMatch(/no longer/);
    expect(imageSkipReason({ ...image, usedBy: ["web"] }, "sha256:a", ["x:1"], settings)).toMatch(/web now uses it/);
    expect(imageSkipReason({ ...image, children: ["y:1"] }, "sha256:a", ["x:1"], settings)).toMatch(/y:1 is built on it/);
    expect(imageSkipReason({ ...image, labels: { "ballast.protect": "" } }, "sha256:a", ["x:1"], settings)).toMatch(/ballast.protect/);
    expect(imageSkipReason({ ...image, tags: ["x:1", "x:2"] }, "sha256:a", ["x:1"], settings)).toMatch(/tags changed/);
  });

  it("checks an unused image's age again: idle on this host for N days, from Ballast's own record", () => {
    const now = new Date("2026-03-01T00:00:00Z");
    expect(imageSkipReason(image, "sha256:a", ["x:1"], settings, { idleSince: "2026-01-01T00:00:00Z", now })).toBeNull();
    expect(imageSkipReason(image, "sha256:a", ["x:1"], settings, { idleSince: "2026-02-27T00:00:00Z", now })).toMatch(/within the last 30 days/);
    expect(imageSkipReason(image, "sha256:a", ["x:1"], settings, { idleSince: null, now })).toMatch(/no record/);
  });

  it("reads back a half-done image delete as removed, untagged or unchanged", () => {
    const summary = { Id: "sha256:a", ParentId: "", RepoTags: ["x:2"], RepoDigests: [], Created: 0, Size: 1, Labels: {} };
    expect(imageReadBack([], "sha256:a", ["x:1"])).toBe("removed");
    expect(imageReadBack([summary], "sha256:a", ["x:1", "x:2"])).toBe("untagged");
    expect(imageReadBack([summary], "sha256:a", ["x:2"])).toBe("unchanged");
  });

  it("skips a container that started, and volumes now referenced or named while named ones are excluded", () => {
    expect(containerSkipReason({ id: "c", state: "running", labels: {} }, "c", settings)).toMatch(/running/);
    expect(containerSkipReason({ id: "c", state: "exited", labels: {} }, "c", settings)).toBeNull();
    const volume = { name: "v", anonymous: false, labels: {}, usedBy: [] };
    expect(volumeSkipReason({ ...volume, usedBy: ["db"] }, false, { ...settings, includeNamedVolumes: true })).toMatch(/db now references/);
    expect(volumeSkipReason(volume, false, settings)).toMatch(/BALLAST_INCLUDE_NAMED_VOLUMES/);
    expect(volumeSkipReason(volume, false, { ...settings, includeNamedVolumes: true })).toBeNull();
  });

  it("skips build cache a build used since, or that an image now shares", () => {
    const record = {
      id: "r",
      type: "regular",
      description: "",
      inUse: false,
      shared: false,
      sizeBytes: 5,
      createdAt: null,
      lastUsedAt: "2026-01-01T00:00:00Z",
      usageCount: 1,
      parents: [],
    };
    const now = new Date("2026-02-01T00:00:00Z");
    expect(buildCacheSkipReason(record, settings, now)).toBeNull();
    expect(buildCacheSkipReason({ ...record, lastUsedAt: "2026-01-31T00:00:00Z" }, settings, now)).toMatch(/used it since/);
    expect(buildCacheSkipReason({ ...record, shared: true }, settings, now)).toMatch(/shares/);
  });

  it("names a run done, partial or failed from its outcomes", () => {
    expect(runStatus(["removed", "removed"])).toBe("done");
    expect(runStatus(["removed", "skipped"])).toBe("partial");
    expect(runStatus(["skipped"])).toBe("partial");
    expect(runStatus(["failed", "skipped"])).toBe("failed");
    expect(runStatus(["failed", "unknown"])).toBe("partial");
    expect(runStatus(["removed", "not_run"])).toBe("partial");
    expect(runStatus(["untagged", "failed"])).toBe("partial");
  });
});

describe("strategy settings from the environment", () => {
  it("reads thresholds and the named-volume switch, and refuses a malformed value", () => {
    expect(strategySettingsFromEnv({})).toMatchObject({ unusedImageMinAgeDays: 30, buildCacheUnusedDays: 7, includeNamedVolumes: false });
    expect(strategySettingsFromEnv({ BALLAST_UNUSED_IMAGE_DAYS: "3", BALLAST_INCLUDE_NAMED_VOLUMES: "yes" }, 0.1)).toMatchObject({
      unusedImageMinAgeDays: 3,
      includeNamedVolumes: true,
      pricePerGbMonth: 0.1,
    });
    expect(() => strategySettingsFromEnv({ BALLAST_BUILD_CACHE_DAYS: "seven" })).toThrow();
    expect(() => strategySettingsFromEnv({ BALLAST_INCLUDE_NAMED_VOLUMES: "maybe" })).toThrow();
  });
});

describe("password hashing", async () => {
  const { hashPassword, verifyPassword } = await import("@/lib/auth/password");
  it("verifies the right password only, with a different salt each time", async () => {
    const hash = await hashPassword("s3cret-pass");
    expect(await verifyPassword("s3cret-pass", hash)).toBe(true);
    expect(await verifyPassword("s3cret-pasS", hash)).toBe(false);
    expect(await hashPassword("s3cret-pass")).not.toBe(hash);
    expect(await verifyPassword("x", "not-a-hash")).toBe(false);
  });
});
