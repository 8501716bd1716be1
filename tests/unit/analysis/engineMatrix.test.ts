import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { hostSnapshotSchema } from "@/lib/collect/schema";
import { accountImages, engineOnlyBytes, imageLayerBytes } from "@/lib/analysis/imageAccounting";
import { engineDifferenceNote } from "@/lib/analysis/engineAccounting";
import { imageRows } from "@/lib/analysis/snapshotRows";
import { buildLayerTreemap } from "@/lib/analysis/treemap";
import { attribute } from "@/lib/analysis/attribution";
import { freedBytesForImages } from "@/lib/analysis/strategies/freedBytes";

// Snapshots recorded from five real engines (tests/fixtures/engines/README.md) beside each engine's own
// /system/df at the same moment: Docker's figures are shown as Docker says them, and everything adds up.

const ENGINES = ["docker-20.10-overlay2", "docker-26.1-overlay2", "docker-28.5-overlay2", "docker-26.1-containerd", "docker-28.5-containerd"];
const load = (name: string) => ({
  snapshot: hostSnapshotSchema.parse(JSON.parse(fs.readFileSync(`tests/fixtures/engines/${name}.snapshot.json`, "utf8"))),
  df: JSON.parse(fs.readFileSync(`tests/fixtures/engines/${name}.system-df.json`, "utf8")) as {
    LayersSize: number;
    Images: { Id: string; Size: number; SharedSize: number }[];
  },
});

describe.each(ENGINES)("%s", (name) => {
  const { snapshot, df } = load(name);

  it("shows every image's size, shared and unique exactly as the engine's /system/df", () => {
    const rows = new Map(imageRows(snapshot).map((row) => [row.id, row]));
    expect([...rows.keys()].sort()).toEqual(df.Images.map((image) => image.Id).sort());
    for (const image of df.Images) {
      expect(rows.get(image.Id)).toMatchObject({ sizeBytes: image.Size, sharedBytes: image.SharedSize, uniqueBytes: image.Size - image.SharedSize });
    }
  });

  it("adds up: layers plus the engine-only part equal LayersSize, and so do fair shares, the treemap and attribution", () => {
    expect(snapshot.layersSizeBytes).toBe(df.LayersSize);
    expect(imageLayerBytes(snapshot) + engineOnlyBytes(snapshot)).toBe(df.LayersSize);
    const fair = [...accountImages(snapshot).values()].reduce((sum, row) => sum + row.fairShareBytes, 0);
    expect(fair).toBe(df.LayersSize);
    expect(buildLayerTreemap(snapshot, 0.04).valueBytes).toBe(df.LayersSize);
    const attributed = attribute(snapshot, "image").filter((row) => row.category === "images");
    expect(attributed.reduce((sum, row) => sum + row.bytes, 0)).toBe(df.LayersSize);
    expect(attributed.find((row) => row.group === "unattributed")).toBeUndefined();
  });

  it("says in one line why Docker's figures differ from Ballast's wherever they do", () => {
    const differs = imageRows(snapshot).some((row) => row.sharedBytes !== row.layerBytes - row.freedIfRemovedBytes || row.sizeBytes !== row.layerBytes);
    if (differs) expect(engineDifferenceNote(snapshot.engine)).toMatch(/\w/);
  });
});

describe("what each engine counts (measured)", () => {
  it("counts only listed layers on the graph driver, and more on the containerd store", () => {
    for (const name of ENGINES.filter((n) => n.endsWith("overlay2"))) expect(engineOnlyBytes(load(name).snapshot)).toBe(0);
    for (const name of ENGINES.filter((n) => n.endsWith("containerd"))) expect(engineOnlyBytes(load(name).snapshot)).toBeGreaterThan(0);
  });

  it("on 26.1 and 28.5 overlay2 an image Docker calls 100% shared still frees bytes when removed", () => {
    for (const name of ["docker-26.1-overlay2", "docker-28.5-overlay2"]) {
      const keep = imageRows(load(name).snapshot).find((row) => row.tags.includes("ballast-test/keep:1"))!;
      expect(keep.uniqueBytes).toBe(0);
      expect(keep.freedIfRemovedBytes).toBeGreaterThan(0);
    }
    const old = imageRows(load("docker-20.10-overlay2").snapshot).find((row) => row.tags.includes("ballast-test/keep:1"))!;
    expect(old.uniqueBytes).toBe(old.freedIfRemovedBytes);
  });
});

describe("what removal frees on the containerd store", () => {
  const { snapshot } = load("docker-28.5-containerd");
  const byTag = (tag: string) => snapshot.images.find((image) => image.tags.includes(tag))!;

  it("adds the content blobs only the removed image holds (Docker 28.2+ counts them in LayersSize)", () => {
    const dangling = snapshot.images.find((image) => image.dangling && !image.intermediate)!;
    const freed = freedBytesForImages(snapshot, [dangling.id]);
    const layerBytes = [...freed.freedChainIds].reduce((sum, id) => sum + snapshot.layers.find((l) => l.chainId === id)!.sizeBytes, 0);
    expect(freed.totalBytes).toBeGreaterThan(layerBytes);
    expect(freed.perImageBytes.get(dangling.id)).toBe(freed.totalBytes);
  });

  it("frees no blobs of an image other images are built on", () => {
    expect(freedBytesForImages(snapshot, [byTag("ballast-test/base:1").id]).totalBytes).toBe(0);
  });

  it("counts only layers on 26.1, whose LayersSize holds no blobs", () => {
    const older = load("docker-26.1-containerd").snapshot;
    const dangling = older.images.find((image) => image.dangling && !image.intermediate)!;
    const freed = freedBytesForImages(older, [dangling.id]);
    const layerBytes = [...freed.freedChainIds].reduce((sum, id) => sum + older.layers.find((l) => l.chainId === id)!.sizeBytes, 0);
    expect(freed.totalBytes).toBe(layerBytes);
  });
});
