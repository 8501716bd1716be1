import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { imageLayerBytes } from "@/lib/analysis/imageAccounting";
import { imageDisplayName, sharingBars, sharingSortKeySchema } from "@/lib/analysis/sharingBars";
import { buildSnapshot } from "@/tests/support/snapshotBuilder";

const snapshot = buildSnapshot({
  images: [
    {
      name: "a",
      tags: ["alpha:1"],
      layers: [
        { diff: "base", size: 100 },
        { diff: "a", size: 10 },
      ],
    },
    {
      name: "b",
      tags: ["bravo:1"],
      layers: [
        { diff: "base", size: 100 },
        { diff: "b", size: 50 },
      ],
    },
    { name: "c", tags: ["charlie:1"], layers: [{ diff: "c", size: 300 }] },
    { name: "d", tags: [], layers: [{ diff: "d", size: 1 }] },
    { name: "mid", tags: [], intermediate: true, layers: [{ diff: "base", size: 100 }] },
  ],
});

describe("sharingBars", () => {
  it("sorts by size, largest first, by default", () => {
    const rows = sharingBars(snapshot, { sortBy: "size", topN: 10 });
    expect(rows.map((row) => [row.name, row.sizeBytes, row.sharedBytes, row.uniqueBytes])).toEqual([
      ["charlie:1", 300, 0, 300],
      ["bravo:1", 150, 100, 50],
      ["alpha:1", 110, 100, 10],
      [imageDisplayName(snapshot.images[3]), 1, 0, 1],
    ]);
  });

  it("leaves intermediate images out", () => {
    expect(sharingBars(snapshot, { sortBy: "name", topN: 10 })).toHaveLength(4);
  });

  it("sorts by name ascending and by shared bytes, and honours an explicit direction", () => {
    expect(sharingBars(snapshot, { sortBy: "name", topN: 10 }).map((row) => row.name)).toEqual([
      "<none> " + snapshot.images[3].id.slice(7, 19),
      "alpha:1",
      "bravo:1",
      "charlie:1",
    ]);
    expect(sharingBars(snapshot, { sortBy: "shared", topN: 2 }).map((row) => row.name)).toEqual(["alpha:1", "bravo:1", "2 others"]);
    expect(sharingBars(snapshot, { sortBy: "unique", direction: "asc", topN: 1 })[0].uniqueBytes).toBe(1);
  });

  it("folds the rest into one others row", () => {
    const rows = sharingBars(snapshot, { sortBy: "fairShare", topN: 2 });
    expect(rows.map((row) => row.name)).toEqual(["charlie:1", "bravo:1", "2 others"]);
    expect(rows[2]).toMatchObject({ id: null, imageCount: 2, sizeBytes: 111, uniqueBytes: 11, fairShareBytes: 61 });
  });

  it("accepts only the known sort keys", () => {
    expect(sharingSortKeySchema.safeParse("fairShare").success).toBe(true);
    expect(sharingSortKeySchema.safeParse("bytes").success).toBe(false);
  });

  it("preserves every column's total whatever the sort and cut (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ base: fc.integer({ min: 0, max: 3 }), own: fc.integer({ min: 0, max: 9_999 }) }), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.constantFrom(...sharingSortKeySchema.options),
        fc.integer({ min: 0, max: 14 }),
        (specs, sortBy, topN) => {
          const snap = buildSnapshot({
            images: specs.map((spec, index) => ({
              name: `img${index}`,
              layers: [
                { diff: `base${spec.base}`, size: spec.base * 1000 + 3 },
                { diff: `own${index}`, size: spec.own },
              ],
            })),
          });
          const all = sharingBars(snap, { sortBy, topN: 1000 });
          const cut = sharingBars(snap, { sortBy, topN });
          expect(cut.length).toBeLessThanOrEqual(topN + 1);
          for (const key of ["sizeBytes", "sharedBytes", "uniqueBytes", "fairShareBytes"] as const) {
            const sum = (rows: typeof all) => rows.reduce((total, row) => total + row[key], 0);
            expect(sum(cut)).toBe(sum(all));
          }
          expect(cut.reduce((total, row) => total + row.fairShareBytes, 0)).toBe(imageLayerBytes(snap));
          expect(cut.reduce((total, row) => total + row.imageCount, 0)).toBe(specs.length);
        },
      ),
    );
  });
});
