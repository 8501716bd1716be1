import { describe, expect, it } from "vitest";
import fixture from "@/tests/fixtures/scene-20.10.json";
import { hostSnapshotSchema } from "@/lib/collect/schema";
import { STRATEGIES, suggestStrategies } from "@/lib/analysis/strategies/index";
import { DEFAULT_STRATEGY_SETTINGS, strategySettingsSchema, suggestionSchema, type Suggestion } from "@/lib/analysis/strategies/types";
import { buildSnapshot } from "@/tests/support/snapshotBuilder";

// The scene recorded from dockerd 20.10 (tests/fixtures/README.md), a minute or two after it was built.
const scene = hostSnapshotSchema.parse(fixture);
const now = new Date(scene.takenAt);
const byStrategy = (suggestions: Suggestion[]) => new Map(suggestions.map((suggestion) => [suggestion.strategy, suggestion]));
const names = (suggestion: Suggestion | undefined) => suggestion?.targets.map((target) => target.name) ?? [];
const ESTIMATES = ["duplicate_diffs", "base_image_versions", "slimmer_base", "log_rotation", "writable_layer_bloat"];

describe("strategySettingsSchema", () => {
  it("fills the documented defaults", () => {
    expect(DEFAULT_STRATEGY_SETTINGS).toEqual({
      unusedImageMinAgeDays: 30,
      buildCacheUnusedDays: 7,
      includeNamedVolumes: false,
      protectLabel: "ballast.protect",
      writableLayerBloatBytes: 1_000_000_000,
      pricePerGbMonth: 0.04,
    });
  });

  it("keeps given values and rejects nonsense", () => {
    expect(strategySettingsSchema.parse({ includeNamedVolumes: true }).includeNamedVolumes).toBe(true);
    expect(strategySettingsSchema.safeParse({ unusedImageMinAgeDays: -1 }).success).toBe(false);
    expect(strategySettingsSchema.safeParse({ protectLabel: "" }).success).toBe(false);
  });
});

describe("suggestStrategies on the recorded 20.10 scene", () => {
  const settings = strategySettingsSchema.parse({ unusedImageMinAgeDays: 0, buildCacheUnusedDays: 0 });
  const suggestions = suggestStrategies(scene, settings, now);
  const found = byStrategy(suggestions);

  it("returns valid suggestions, largest first, with no empty ones", () => {
    for (const suggestion of suggestions) expect(suggestionSchema.parse(suggestion)).toEqual(suggestion);
    expect(suggestions.every((suggestion) => suggestion.targets.length > 0)).toBe(true);
    const bytes = suggestions.map((suggestion) => suggestion.bytes);
    expect(bytes).toEqual([...bytes].sort((a, b) => b - a));
  });

  it("finds the scene's leftovers and nothing in use or protected", () => {
    expect(names(found.get("dangling_images"))).toHaveLength(1);
    expect(found.get("dangling_images")?.bytes).toBe(81_922);
    expect(names(found.get("unused_images"))).not.toContain("ballast-test/keep:1");
    expect(names(found.get("unused_images"))).not.toContain("ballast-test/base:1");
    expect(names(found.get("unused_images"))).not.toContain("ballast-test/app-b:1");
    expect(names(found.get("stopped_containers")).sort()).toEqual(["bt-anon-user", "bt-never-started", "bt-volume-user", "bt-writer"]);
    expect(names(found.get("unused_volumes_named"))).toEqual(["bt-orphan"]);
    expect(found.get("unused_volumes_named")?.actionable).toBe(false);
    expect(found.get("duplicate_diffs")?.bytes).toBe(65_536);
    expect(found.has("unused_volumes_anonymous")).toBe(false);
  });

  it("does not call an image built on another of its repository a rival version", () => {
    expect(found.has("base_image_versions")).toBe(false);
  });

  it("states an assumption for every estimate", () => {
    for (const suggestion of suggestions) {
      if (ESTIMATES.includes(suggestion.strategy)) expect(suggestion.assumption).toMatch(/^Estimate/);
      if (!ESTIMATES.includes(suggestion.strategy)) expect(suggestion.assumption).toBeUndefined();
    }
  });

  it("suggests no young images or fresh build cache with the default ages", () => {
    const strategies = suggestStrategies(scene, DEFAULT_STRATEGY_SETTINGS, now).map((suggestion) => suggestion.strategy);
    expect(strategies).not.toContain("unused_images");
    expect(strategies).not.toContain("build_cache");
  });
});

describe("suggestStrategies", () => {
  it("runs every strategy and is deterministic", () => {
    expect(STRATEGIES).toHaveLength(11);
    const snapshot = buildSnapshot({ images: [{ name: "x", tags: [], layers: [{ diff: "x", size: 5 }] }] });
    const first = suggestStrategies(snapshot, DEFAULT_STRATEGY_SETTINGS, now);
    expect(first.map((suggestion) => suggestion.strategy)).toEqual(["dangling_images"]);
    expect(suggestStrategies(snapshot, DEFAULT_STRATEGY_SETTINGS, now)).toEqual(first);
  });

  it("returns nothing for an empty host", () => {
    expect(suggestStrategies(buildSnapshot({ images: [] }), DEFAULT_STRATEGY_SETTINGS, now)).toEqual([]);
  });
});
