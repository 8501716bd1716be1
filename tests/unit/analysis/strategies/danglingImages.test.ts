import { describe, expect, it } from "vitest";
import { danglingImages } from "@/lib/analysis/strategies/images";
import { DEFAULT_STRATEGY_SETTINGS as settings } from "@/lib/analysis/strategies/types";
import { buildSnapshot, sha } from "@/tests/support/snapshotBuilder";

const id = (name: string) => sha(`image:${name}`);
const targetIds = (suggestion: ReturnType<typeof danglingImages>) => suggestion.targets.map((target) => target.id);

describe("danglingImages", () => {
  it("targets untagged images no container uses, with the bytes only they hold", () => {
    const snapshot = buildSnapshot({
      images: [
        {
          name: "app",
          layers: [
            { diff: "base", size: 1_000 },
            { diff: "v2", size: 50 },
          ],
        },
        {
          name: "old",
          tags: [],
          layers: [
            { diff: "base", size: 1_000 },
            { diff: "v1", size: 40 },
          ],
        },
      ],
    });
    const suggestion = danglingImages(snapshot, settings);
    expect(suggestion).toMatchObject({ strategy: "dangling_images", bytes: 40, risk: "low", actionable: true });
    expect(suggestion.targets).toEqual([{ kind: "image", id: id("old"), name: expect.stringMatching(/^<none> /), bytes: 40 }]);
    expect(suggestion.assumption).toBeUndefined();
  });

  it("counts a layer shared by two dangling images once", () => {
    const snapshot = buildSnapshot({
      images: [
        {
          name: "x",
          tags: [],
          layers: [
            { diff: "base", size: 100 },
            { diff: "x", size: 1 },
          ],
        },
        {
          name: "y",
          tags: [],
          layers: [
            { diff: "base", size: 100 },
            { diff: "y", size: 2 },
          ],
        },
      ],
    });
    const suggestion = danglingImages(snapshot, settings);
    expect(suggestion.bytes).toBe(103);
    expect(suggestion.targets.map((target) => target.bytes)).toEqual([2, 1]);
  });

  it("leaves out intermediates, images a stopped container uses and protected images", () => {
    const snapshot = buildSnapshot({
      images: [
        { name: "parent", tags: [], intermediate: true, layers: [{ diff: "p", size: 1 }] },
        { name: "used", tags: [], layers: [{ diff: "u", size: 1 }] },
        { name: "kept", tags: [], labels: { "ballast.protect": "true" }, layers: [{ diff: "k", size: 1 }] },
        { name: "bare", tags: [], labels: { "ballast.protect": "" }, layers: [{ diff: "b", size: 1 }] },
        { name: "free", tags: [], labels: { "ballast.protect": "false" }, layers: [{ diff: "f", size: 1 }] },
      ],
      containers: [{ imageId: id("used"), state: "exited" }],
    });
    expect(targetIds(danglingImages(snapshot, settings))).toEqual([id("free")]);
  });

  it("honours a custom protect label", () => {
    const snapshot = buildSnapshot({
      images: [{ name: "x", tags: [], labels: { keep: "yes" }, layers: [{ diff: "x", size: 1 }] }],
    });
    expect(danglingImages(snapshot, { ...settings, protectLabel: "keep" }).targets).toEqual([]);
  });

  it("prices the bytes at the configured price per GB-month", () => {
    const snapshot = buildSnapshot({ images: [{ name: "x", tags: [], layers: [{ diff: "x", size: 2_000_000_000 }] }] });
    expect(danglingImages(snapshot, { ...settings, pricePerGbMonth: 0.1 }).monthlyCost).toBeCloseTo(0.2, 10);
  });
});
