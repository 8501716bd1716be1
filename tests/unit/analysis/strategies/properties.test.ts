import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { monthlyCost } from "@/lib/analysis/cost";
import { imageLayerBytes } from "@/lib/analysis/imageAccounting";
import { suggestStrategies } from "@/lib/analysis/strategies/index";
import { strategySettingsSchema, type StrategySettings, type Suggestion } from "@/lib/analysis/strategies/types";
import type { HostSnapshot } from "@/lib/collect/schema";
import { buildSnapshot, sha } from "@/tests/support/snapshotBuilder";

// Random hosts: images on a few bases with a few reused diffs (so the same diff lands on several chains),
// intermediates, protect labels with every value shape, containers in every state, volumes, build cache.

const NOW = new Date("2026-03-01T00:00:00.000Z");
const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();
const sizeOf = (label: string) => ([...label].reduce((hash, char) => hash * 31 + char.charCodeAt(0), 7) % 50_000) * 3;
const protectArb = fc.constantFrom<Record<string, string>>({}, {}, { "ballast.protect": "true" }, { "ballast.protect": "" }, { "ballast.protect": "false" });
const STATES = ["running", "exited", "created", "paused", "restarting", "dead"];
const LAYER_STRATEGIES = ["dangling_images", "unused_images", "duplicate_diffs", "base_image_versions", "slimmer_base"];
const REMOVAL_STRATEGIES = ["dangling_images", "unused_images"];

const imageArb = fc.record({
  base: fc.integer({ min: 0, max: 2 }),
  extra: fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 3 }),
  tag: fc.option(fc.constantFrom("node:18", "node:20", "app:1", "app:2", "tool:latest"), { freq: 3 }),
  intermediate: fc.boolean(),
  labels: protectArb,
  ageDays: fc.integer({ min: 0, max: 90 }),
  containers: fc.constantFrom(0, 0, 0, 1),
});

const hostArb = fc.record({
  images: fc.array(imageArb, { minLength: 1, maxLength: 10 }),
  containers: fc.array(fc.record({ imageIndex: fc.nat(), state: fc.constantFrom(...STATES), labels: protectArb, writableBytes: fc.nat(5_000_000_000) }), {
    maxLength: 6,
  }),
  volumes: fc.array(fc.record({ anonymous: fc.boolean(), refCount: fc.nat(2), labels: protectArb, sizeBytes: fc.option(fc.nat(1e9)) }), { maxLength: 5 }),
  buildCache: fc.array(
    fc.record({ inUse: fc.boolean(), shared: fc.boolean(), lastUsedAt: fc.option(fc.integer({ min: 0, max: 60 }).map(daysAgo)), sizeBytes: fc.nat(1e8) }),
    { maxLength: 5 },
  ),
  settings: fc.record({
    includeNamedVolumes: fc.boolean(),
    unusedImageMinAgeDays: fc.integer({ min: 0, max: 60 }),
    buildCacheUnusedDays: fc.integer({ min: 0, max: 30 }),
  }),
});

type HostSpec = typeof hostArb extends fc.Arbitrary<infer T> ? T : never;
type Host = { snapshot: HostSnapshot; settings: StrategySettings };

function toHost(spec: HostSpec): Host {
  const images = spec.images.map((image, index) => {
    const diffs = [`base${image.base}`, ...image.extra.map((extra) => `x${extra}`)];
    return {
      name: `img${index}`,
      tags: image.intermediate || image.tag === null ? [] : [image.tag],
      intermediate: image.intermediate,
      labels: image.labels,
      createdAt: daysAgo(image.ageDays),
      containers: image.containers,
      layers: diffs.map((diff) => ({ diff, size: sizeOf(diff) })),
    };
  });
  const snapshot = buildSnapshot({
    images,
    containers: spec.containers.map(({ imageIndex, ...container }) => ({
      ...container,
      imageId: sha(`image:img${imageIndex % images.length}`),
    })),
    volumes: spec.volumes,
    buildCache: spec.buildCache,
  });
  return { snapshot, settings: strategySettingsSchema.parse(spec.settings) };
}

/** Independent oracle: image-store bytes before minus after removing, as `/system/df` would count them. */
function removalOracle(snapshot: HostSnapshot, removed: Set<string>): number {
  const used = new Set(snapshot.containers.map((container) => container.imageId));
  const images = snapshot.images.map((image) => (used.has(image.id) || image.containers > 0 ? { ...image, intermediate: false } : image));
  const after = images.filter((image) => !removed.has(image.id));
  return imageLayerBytes({ images, layers: snapshot.layers }) - imageLayerBytes({ images: after, layers: snapshot.layers });
}

function assertActionableTargetsSafe(snapshot: HostSnapshot, settings: StrategySettings, suggestion: Suggestion) {
  const isProtected = (labels: Record<string, string>) => "ballast.protect" in labels && labels["ballast.protect"] !== "false";
  const usedImages = new Set(snapshot.containers.map((container) => container.imageId));
  for (const target of suggestion.targets) {
    if (target.kind === "image") {
      const image = snapshot.images.find((candidate) => candidate.id === target.id)!;
      expect(usedImages.has(image.id) || image.containers > 0 || image.intermediate || isProtected(image.labels)).toBe(false);
    } else if (target.kind === "container") {
      const container = snapshot.containers.find((candidate) => candidate.id === target.id)!;
      expect(["exited", "created"]).toContain(container.state);
      expect(isProtected(container.labels)).toBe(false);
    } else if (target.kind === "volume") {
      const volume = snapshot.volumes.find((candidate) => candidate.name === target.id)!;
      expect(volume.refCount === 0 && !isProtected(volume.labels)).toBe(true);
      expect(volume.anonymous || settings.includeNamedVolumes).toBe(true);
    } else if (target.kind === "build-cache") {
      const record = snapshot.buildCache.find((candidate) => candidate.id === target.id)!;
      expect(record.inUse || record.shared).toBe(false);
    } else {
      throw new Error(`an actionable suggestion targets a ${target.kind}`);
    }
  }
}

describe("strategy properties", () => {
  it("never lets a layer suggestion exceed the bytes of distinct layers, nor per-target bytes exceed the total", () => {
    fc.assert(
      fc.property(hostArb, (spec) => {
        const { snapshot, settings } = toHost(spec);
        const distinct = snapshot.layers.reduce((sum, layer) => sum + layer.sizeBytes, 0);
        for (const suggestion of suggestStrategies(snapshot, settings, NOW)) {
          const perTarget = suggestion.targets.reduce((sum, target) => sum + target.bytes, 0);
          expect(perTarget).toBeLessThanOrEqual(suggestion.bytes);
          expect(suggestion.monthlyCost).toBeCloseTo(monthlyCost(suggestion.bytes, settings.pricePerGbMonth), 12);
          if (LAYER_STRATEGIES.includes(suggestion.strategy)) expect(suggestion.bytes).toBeLessThanOrEqual(distinct);
          if (REMOVAL_STRATEGIES.includes(suggestion.strategy)) {
            expect(suggestion.bytes).toBeLessThanOrEqual(imageLayerBytes(snapshot));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("frees exactly what the image store loses when the targets go", () => {
    fc.assert(
      fc.property(hostArb, (spec) => {
        const { snapshot, settings } = toHost(spec);
        for (const suggestion of suggestStrategies(snapshot, settings, NOW)) {
          if (!REMOVAL_STRATEGIES.includes(suggestion.strategy)) continue;
          const removed = new Set(suggestion.targets.map((target) => target.id));
          expect(suggestion.bytes).toBe(removalOracle(snapshot, removed));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("never offers a protected or in-use item as an actionable target", () => {
    fc.assert(
      fc.property(hostArb, (spec) => {
        const { snapshot, settings } = toHost(spec);
        for (const suggestion of suggestStrategies(snapshot, settings, NOW)) {
          if (suggestion.actionable) assertActionableTargetsSafe(snapshot, settings, suggestion);
        }
      }),
      { numRuns: 300 },
    );
  });
});
