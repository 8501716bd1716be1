import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { accountImages, imageLayerBytes } from "@/lib/analysis/imageAccounting";
import { buildSnapshot } from "@/tests/support/snapshotBuilder";

describe("accountImages", () => {
  it("splits layers into shared and unique from chain IDs", () => {
    const snapshot = buildSnapshot({
      images: [
        {
          name: "a",
          layers: [
            { diff: "base", size: 100 },
            { diff: "a", size: 10 },
          ],
        },
        {
          name: "b",
          layers: [
            { diff: "base", size: 100 },
            { diff: "b", size: 20 },
          ],
        },
      ],
    });
    const rows = [...accountImages(snapshot).values()];
    expect(rows.map((row) => [row.sizeBytes, row.sharedBytes, row.uniqueBytes])).toEqual([
      [110, 100, 10],
      [120, 100, 20],
    ]);
    expect(imageLayerBytes(snapshot)).toBe(130);
  });

  it("treats the same diff on another base as a different, unshared layer", () => {
    const snapshot = buildSnapshot({
      images: [
        {
          name: "a",
          layers: [
            { diff: "base1", size: 100 },
            { diff: "app", size: 10 },
          ],
        },
        {
          name: "b",
          layers: [
            { diff: "base2", size: 100 },
            { diff: "app", size: 10 },
          ],
        },
      ],
    });
    for (const row of accountImages(snapshot).values()) expect(row.sharedBytes).toBe(0);
    expect(imageLayerBytes(snapshot)).toBe(220);
  });

  it("does not count intermediate images as sharers (as /system/df does)", () => {
    const snapshot = buildSnapshot({
      images: [
        { name: "parent", tags: [], intermediate: true, layers: [{ diff: "base", size: 100 }] },
        {
          name: "child",
          layers: [
            { diff: "base", size: 100 },
            { diff: "c", size: 5 },
          ],
        },
      ],
    });
    const child = [...accountImages(snapshot).values()][1];
    expect(child.sharedBytes).toBe(0);
    expect(imageLayerBytes(snapshot)).toBe(105);
  });

  it("fair shares add up exactly to the host's image bytes", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            base: fc.integer({ min: 0, max: 3 }),
            own: fc.integer({ min: 0, max: 999_999 }),
          }),
          { minLength: 1, maxLength: 12 },
        ),
        (specs) => {
          const snapshot = buildSnapshot({
            images: specs.map((spec, index) => ({
              name: `img${index}`,
              layers: [
                { diff: `base${spec.base}`, size: spec.base * 1_000_003 + 7 },
                { diff: `own${index}`, size: spec.own },
              ],
            })),
          });
          const total = [...accountImages(snapshot).values()].reduce((sum, row) => sum + row.fairShareBytes, 0);
          expect(total).toBe(imageLayerBytes(snapshot));
          expect(total).toBe(snapshot.layersSizeBytes);
        },
      ),
    );
  });
});
