import { describe, expect, it } from "vitest";
import { unusedImages } from "@/lib/analysis/strategies/images";
import { DEFAULT_STRATEGY_SETTINGS as settings } from "@/lib/analysis/strategies/types";
import { buildSnapshot, sha } from "@/tests/support/snapshotBuilder";

const id = (name: string) => sha(`image:${name}`);
const now = new Date("2026-03-01T00:00:00.000Z");

describe("unusedImages", () => {
  it("targets tagged images built more than N days ago that no container uses", () => {
    const snapshot = buildSnapshot({
      images: [
        { name: "old", tags: ["old:1", "old:latest"], createdAt: "2026-01-01T00:00:00.000Z", layers: [{ diff: "o", size: 30 }] },
        { name: "new", createdAt: "2026-02-20T00:00:00.000Z", layers: [{ diff: "n", size: 20 }] },
        { name: "edge", createdAt: "2026-01-30T00:00:00.000Z", layers: [{ diff: "e", size: 10 }] },
      ],
    });
    const suggestion = unusedImages(snapshot, settings, now);
    expect(suggestion).toMatchObject({ strategy: "unused_images", bytes: 30, risk: "medium", actionable: true });
    expect(suggestion.targets).toEqual([{ kind: "image", id: id("old"), name: "old:1, old:latest", bytes: 30 }]);
  });

  it("counts the age from when Ballast first saw the image on this host, never from its build date alone", () => {
    const snapshot = buildSnapshot({
      images: [
        { name: "pulled-today", createdAt: "2023-01-01T00:00:00.000Z", firstSeenAt: "2026-02-28T12:00:00.000Z", layers: [{ diff: "p", size: 5 }] },
        { name: "here-long", createdAt: "2023-01-01T00:00:00.000Z", firstSeenAt: "2026-01-01T00:00:00.000Z", layers: [{ diff: "h", size: 7 }] },
      ],
    });
    expect(unusedImages(snapshot, settings, now).targets.map((t) => t.id)).toEqual([id("here-long")]);
  });

  it("counts the age from the last container use seen in snapshot history", () => {
    const snapshot = buildSnapshot({
      images: [{ name: "used-lately", createdAt: "2025-01-01T00:00:00.000Z", lastUsedAt: "2026-02-25T00:00:00.000Z", layers: [{ diff: "u", size: 5 }] }],
    });
    expect(unusedImages(snapshot, settings, now).targets).toEqual([]);
    expect(unusedImages(snapshot, settings, new Date("2026-04-01T00:00:00.000Z")).targets).toHaveLength(1);
  });

  it("treats an image not stored yet as first seen at the snapshot's own time", () => {
    const snapshot = buildSnapshot({ images: [{ name: "fresh", createdAt: "2023-01-01T00:00:00.000Z", layers: [{ diff: "f", size: 5 }] }] });
    snapshot.images[0].firstSeenAt = null;
    expect(unusedImages(snapshot, settings, new Date(snapshot.takenAt)).targets).toEqual([]);
  });

  it("follows the age setting", () => {
    const snapshot = buildSnapshot({ images: [{ name: "new", createdAt: "2026-02-20T00:00:00.000Z", layers: [{ diff: "n", size: 1 }] }] });
    expect(unusedImages(snapshot, { ...settings, unusedImageMinAgeDays: 5 }, now).targets).toHaveLength(1);
  });

  it("never targets an image a container uses, whatever the container's state", () => {
    const images = ["running", "exited", "created", "paused", "dead"].map((state) => ({ name: state, layers: [{ diff: state, size: 1 }] }));
    const snapshot = buildSnapshot({
      images,
      containers: images.map((image) => ({ imageId: id(image.name), state: image.name })),
    });
    expect(unusedImages(snapshot, settings, now).targets).toEqual([]);
  });

  it("skips protected and dangling images", () => {
    const snapshot = buildSnapshot({
      images: [
        { name: "p", labels: { "ballast.protect": "true" }, layers: [{ diff: "p", size: 1 }] },
        { name: "d", tags: [], layers: [{ diff: "d", size: 1 }] },
      ],
    });
    expect(unusedImages(snapshot, settings, now).targets).toEqual([]);
  });

  it("counts a base shared only by targets in the total, and a base a kept image uses not at all", () => {
    const snapshot = buildSnapshot({
      images: [
        {
          name: "a",
          layers: [
            { diff: "base", size: 100 },
            { diff: "a", size: 1 },
          ],
        },
        {
          name: "b",
          layers: [
            { diff: "base", size: 100 },
            { diff: "b", size: 2 },
          ],
        },
        {
          name: "c",
          layers: [
            { diff: "base2", size: 500 },
            { diff: "c", size: 3 },
          ],
        },
        {
          name: "live",
          layers: [
            { diff: "base2", size: 500 },
            { diff: "live", size: 4 },
          ],
        },
      ],
      containers: [{ imageId: id("live") }],
    });
    const suggestion = unusedImages(snapshot, settings, now);
    expect(suggestion.bytes).toBe(106);
    expect(suggestion.targets.reduce((sum, target) => sum + target.bytes, 0)).toBe(6);
  });

  it("finds nothing when `now` is not a valid time", () => {
    const snapshot = buildSnapshot({ images: [{ name: "a", layers: [{ diff: "a", size: 1 }] }] });
    expect(unusedImages(snapshot, settings, new Date("nonsense")).targets).toEqual([]);
  });
});
