import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { accountImages, imageLayerBytes } from "@/lib/analysis/imageAccounting";
import { hostSnapshotSchema } from "@/lib/collect/schema";

const snapshot = hostSnapshotSchema.parse(JSON.parse(fs.readFileSync("tests/fixtures/scene-20.10.json", "utf8")));
const df = JSON.parse(fs.readFileSync("tests/fixtures/scene-20.10.system-df.json", "utf8")) as {
  LayersSize: number;
  Images: { Id: string; Size: number; SharedSize: number }[];
};

describe("accounting on the recorded scene (dockerd 20.10)", () => {
  it("image layer bytes equal the engine's LayersSize", () => {
    expect(imageLayerBytes(snapshot)).toBe(df.LayersSize);
  });

  it("shared bytes equal /system/df's SharedSize for every image it lists", () => {
    const accounting = accountImages(snapshot);
    for (const image of df.Images) expect(accounting.get(image.Id)?.sharedBytes).toBe(image.SharedSize);
  });
});
