import { describe, expect, it } from "vitest";
import { freedBytesForImages, imageIdsInUse } from "@/lib/analysis/strategies/freedBytes";
import { buildSnapshot, sha } from "@/tests/support/snapshotBuilder";

const id = (name: string) => sha(`image:${name}`);

describe("freedBytesForImages", () => {
  it("counts a layer shared by two removed images once in the total and in no per-image figure", () => {
    const snapshot = buildSnapshot({
      images: [
        {
          name: "a",
          tags: [],
          layers: [
            { diff: "base", size: 100 },
            { diff: "a", size: 10 },
          ],
        },
        {
          name: "b",
          tags: [],
          layers: [
            { diff: "base", size: 100 },
            { diff: "b", size: 20 },
          ],
        },
      ],
    });
    const freed = freedBytesForImages(snapshot, [id("a"), id("b")]);
    expect(freed.totalBytes).toBe(130);
    expect(Object.fromEntries(freed.perImageBytes)).toEqual({ [id("a")]: 10, [id("b")]: 20 });
  });

  it("keeps layers a remaining image uses", () => {
    const snapshot = buildSnapshot({
      images: [
        { name: "keep", layers: [{ diff: "base", size: 100 }] },
        {
          name: "drop",
          tags: [],
          layers: [
            { diff: "base", size: 100 },
            { diff: "d", size: 7 },
          ],
        },
      ],
    });
    const freed = freedBytesForImages(snapshot, [id("drop")]);
    expect(freed.totalBytes).toBe(7);
    expect(freed.perImageBytes.get(id("drop"))).toBe(7);
  });

  it("keeps the layers of an intermediate image a container uses", () => {
    const snapshot = buildSnapshot({
      images: [
        { name: "parent", tags: [], intermediate: true, layers: [{ diff: "base", size: 100 }] },
        {
          name: "child",
          tags: [],
          layers: [
            { diff: "base", size: 100 },
            { diff: "c", size: 5 },
          ],
        },
      ],
      containers: [{ imageId: id("parent"), state: "exited" }],
    });
    expect(freedBytesForImages(snapshot, [id("child")]).totalBytes).toBe(5);
  });

  it("lets go of layers only an unused intermediate image still references", () => {
    const snapshot = buildSnapshot({
      images: [
        { name: "parent", tags: [], intermediate: true, layers: [{ diff: "base", size: 100 }] },
        {
          name: "child",
          tags: [],
          layers: [
            { diff: "base", size: 100 },
            { diff: "c", size: 5 },
          ],
        },
      ],
    });
    expect(freedBytesForImages(snapshot, [id("child")]).totalBytes).toBe(105);
  });

  it("frees nothing for an empty set", () => {
    const snapshot = buildSnapshot({ images: [{ name: "a", layers: [{ diff: "a", size: 1 }] }] });
    expect(freedBytesForImages(snapshot, []).totalBytes).toBe(0);
  });
});

describe("imageIdsInUse", () => {
  it("takes images from containers (any state) and from the images' own container counts", () => {
    const snapshot = buildSnapshot({
      images: [
        { name: "a", layers: [{ diff: "a", size: 1 }] },
        { name: "b", layers: [{ diff: "b", size: 1 }], containers: 1 },
        { name: "c", layers: [{ diff: "c", size: 1 }] },
      ],
      containers: [{ imageId: id("a"), state: "created" }],
    });
    expect(imageIdsInUse(snapshot)).toEqual(new Set([id("a"), id("b")]));
  });
});
