import fs from "node:fs";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { imageLayerBytes } from "@/lib/analysis/imageAccounting";
import { hostSnapshotSchema } from "@/lib/collect/schema";
import { dockerReclaimableBytes, keptImageIds, reclaimableImages } from "@/lib/analysis/reclaimable";
import { buildSnapshot, sha } from "@/tests/support/snapshotBuilder";

const image = (name: string) => sha(`image:${name}`);

describe("reclaimableImages", () => {
  it("shows Docker's figure overstating when an in-use image shares its base with unused ones", () => {
    const snapshot = buildSnapshot({
      images: [
        {
          name: "app",
          containers: 1,
          layers: [
            { diff: "base", size: 1000 },
            { diff: "app", size: 10 },
          ],
        },
        {
          name: "old",
          layers: [
            { diff: "base", size: 1000 },
            { diff: "old", size: 50 },
          ],
        },
      ],
      containers: [{}],
    });
    const report = reclaimableImages(snapshot);
    // docker/cli: LayersSize 1060 − (Size 1010 − SharedSize 1000) of the in-use image.
    expect(report.dockerReclaimableBytes).toBe(1050);
    expect(report.trueReclaimableBytes).toBe(50);
    expect(report.difference).toEqual({ sharedInUseBytes: 1000, otherKeptBytes: 0, engineMismatchBytes: 0 });
    expect(report.keptImageIds).toEqual([image("app")]);
    expect(report.unusedImageIds).toEqual([image("old")]);
    expect(report.explanation).toMatch(/^Docker's figure is higher: .*share.*\.$/);
    expect(report.explanation).not.toContain("\n");
  });

  it("keeps images labelled ballast.protect and images on the keep list", () => {
    const snapshot = buildSnapshot({
      images: [
        { name: "guarded", labels: { "ballast.protect": "true" }, layers: [{ diff: "g", size: 100 }] },
        { name: "notGuarded", labels: { "ballast.protect": "false" }, layers: [{ diff: "n", size: 20 }] },
        { name: "listed", layers: [{ diff: "l", size: 7 }] },
        { name: "junk", layers: [{ diff: "j", size: 3 }] },
      ],
    });
    const report = reclaimableImages(snapshot, { keepImageIds: [image("listed")] });
    expect(report.trueReclaimableBytes).toBe(23);
    expect(report.dockerReclaimableBytes).toBe(130);
    expect(report.difference).toEqual({ sharedInUseBytes: 0, otherKeptBytes: 107, engineMismatchBytes: 0 });
    expect(report.explanation).toContain("protected");
  });

  it("keeps an image a container references even when the engine's count is 0, and an in-use intermediate", () => {
    const snapshot = buildSnapshot({
      images: [
        { name: "mid", tags: [], intermediate: true, layers: [{ diff: "base", size: 100 }] },
        {
          name: "child",
          layers: [
            { diff: "base", size: 100 },
            { diff: "c", size: 5 },
          ],
        },
        { name: "other", layers: [{ diff: "o", size: 9 }] },
      ],
      containers: [{ imageId: image("mid") }, { imageId: image("other") }],
    });
    expect([...keptImageIds(snapshot)].sort()).toEqual([image("mid"), image("other")].sort());
    const report = reclaimableImages(snapshot);
    expect(report.trueReclaimableBytes).toBe(5);
    expect(report.unusedImageIds).toEqual([image("child")]);
  });

  it("agrees with Docker when no image is in use or kept", () => {
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
      ],
    });
    const report = reclaimableImages(snapshot);
    expect(report.trueReclaimableBytes).toBe(103);
    expect(report.dockerReclaimableBytes).toBe(103);
    expect(report.explanation).toMatch(/^Both figures agree/);
  });

  it("names an engine LayersSize that differs from the chains, and never reports Docker below 0", () => {
    const base = buildSnapshot({ images: [{ name: "a", containers: 2, layers: [{ diff: "a", size: 100 }] }] });
    const snapshot = { ...base, layersSizeBytes: 60 };
    expect(dockerReclaimableBytes(snapshot)).toBe(0);
    const report = reclaimableImages(snapshot);
    expect(report.trueReclaimableBytes).toBe(0);
    expect(report.difference.engineMismatchBytes).toBe(-40);
    expect(report.explanation).toMatch(/^Docker's figure is lower: .*LayersSize is smaller/);
  });

  it("breaks the difference down exactly and never exceeds the host's image bytes (property)", () => {
    const imageArb = fc.record({
      base: fc.integer({ min: 0, max: 3 }),
      own: fc.integer({ min: 0, max: 9_999 }),
      containers: fc.integer({ min: 0, max: 2 }),
      protect: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(imageArb, { minLength: 1, maxLength: 12 }), (specs) => {
        const snapshot = buildSnapshot({
          images: specs.map((spec, index) => ({
            name: `img${index}`,
            containers: spec.containers,
            labels: spec.protect ? { "ballast.protect": "true" } : undefined,
            layers: [
              { diff: `base${spec.base}`, size: spec.base * 1000 + 1 },
              { diff: `own${index}`, size: spec.own },
            ],
          })),
        });
        const report = reclaimableImages(snapshot);
        const parts = report.difference.sharedInUseBytes + report.difference.otherKeptBytes + report.difference.engineMismatchBytes;
        expect(report.dockerReclaimableBytes - report.trueReclaimableBytes).toBe(parts);
        expect(report.trueReclaimableBytes).toBeGreaterThanOrEqual(0);
        expect(report.trueReclaimableBytes).toBeLessThanOrEqual(report.dockerReclaimableBytes);
        expect(report.dockerReclaimableBytes).toBeLessThanOrEqual(imageLayerBytes(snapshot));
        expect(report.keptImageIds.length + report.unusedImageIds.length).toBe(specs.length);
      }),
    );
  });
});

describe("reclaimableImages on the recorded scene (dockerd 20.10)", () => {
  const snapshot = hostSnapshotSchema.parse(JSON.parse(fs.readFileSync("tests/fixtures/scene-20.10.json", "utf8")));
  const df = JSON.parse(fs.readFileSync("tests/fixtures/scene-20.10.system-df.json", "utf8")) as {
    LayersSize: number;
    Images: { Size: number; SharedSize: number; Containers: number }[];
  };

  it("computes Docker's figure exactly as docker/cli does from the engine's own /system/df", () => {
    const used = df.Images.filter((row) => row.Containers > 0).reduce((sum, row) => sum + row.Size - row.SharedSize, 0);
    expect(dockerReclaimableBytes(snapshot)).toBe(Math.max(0, df.LayersSize - used));
  });

  it("finds Docker's figure overstating where in-use images share their base", () => {
    const report = reclaimableImages(snapshot);
    expect(report.difference.sharedInUseBytes).toBeGreaterThan(0);
    expect(report.trueReclaimableBytes).toBeLessThan(report.dockerReclaimableBytes);
  });
});
