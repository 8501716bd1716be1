import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { hostSnapshotSchema } from "@/lib/collect/schema";
import { buildCacheView, containerRows, duplicateRows, volumeRows } from "@/lib/analysis/explorerRows";
import { monthlyCost } from "@/lib/analysis/cost";
import { buildSnapshot, hex64 } from "@/tests/support/snapshotBuilder";

const scene = hostSnapshotSchema.parse(JSON.parse(fs.readFileSync("tests/fixtures/scene-20.10.json", "utf8")));
const df = JSON.parse(fs.readFileSync("tests/fixtures/scene-20.10.system-df.json", "utf8")) as {
  Containers: { Id: string; SizeRw?: number }[];
  Volumes: { Name: string; UsageData: { Size: number; RefCount: number } }[];
  BuildCache: { ID: string; Size: number; Shared: boolean; InUse: boolean }[];
};

describe("explorer rows on the recorded scene (dockerd 20.10)", () => {
  it("containers carry /system/df's writable-layer sizes, largest first, with the image's name", () => {
    const rows = containerRows(scene, 0.04);
    for (const container of df.Containers) expect(rows.find((row) => row.id === container.Id)?.writableBytes).toBe(container.SizeRw ?? 0);
    expect(rows[0].name).toBe("bt-writer");
    expect(rows[0].imageName).toBe("ballast-test/app-a:1");
    expect(rows[0].monthlyCost).toBe(monthlyCost(rows[0].writableBytes, 0.04));
  });

  it("volumes carry sizes and ref counts, named apart from anonymous", () => {
    const rows = volumeRows(scene, [], 0.04);
    for (const volume of df.Volumes) {
      expect(rows.find((row) => row.name === volume.Name)).toMatchObject({ sizeBytes: volume.UsageData.Size, refCount: volume.UsageData.RefCount });
    }
    expect(rows.find((row) => row.name === "bt-named")).toMatchObject({ anonymous: false, inUseNow: true, lastUsedBy: { containerName: "bt-volume-user" } });
    expect(rows.find((row) => row.name === "bt-orphan")).toMatchObject({ inUseNow: false, lastUsedBy: null });
  });

  it("build cache: private bytes as docker system df counts them, shared records cost nothing here", () => {
    const view = buildCacheView(scene, 0.04);
    expect(view.privateBytes).toBe(df.BuildCache.filter((r) => !r.Shared).reduce((sum, r) => sum + r.Size, 0));
    expect(view.records.filter((record) => record.shared).every((record) => record.monthlyCost === 0)).toBe(true);
  });

  it("finds the payload COPY stored on two chains and names both images", () => {
    const { diffs, totalWastedBytes } = duplicateRows(scene, 0.04);
    const payload = diffs.find((diff) => diff.step?.startsWith("COPY"))!;
    expect(payload.copies).toBe(2);
    expect(payload.chains.flatMap((chain) => chain.images.map((image) => image.name)).sort()).toEqual(["ballast-test/dup-x:1", "ballast-test/dup-y:1"]);
    expect(totalWastedBytes).toBeGreaterThanOrEqual(payload.wastedBytes);
  });
});

describe("volumeRows with snapshot history", () => {
  it("names the last container seen mounting a volume that no container uses now", () => {
    const mounts = [{ type: "volume", name: "data", source: "/v", destination: "/data" }];
    const before = buildSnapshot({ images: [], containers: [{ id: hex64("gone"), name: "db-old", mounts }], takenAt: "2026-01-01T00:00:00.000Z" });
    const now = buildSnapshot({ images: [], volumes: [{ name: "data", sizeBytes: 1000 }], takenAt: "2026-01-02T00:00:00.000Z" });
    const [row] = volumeRows(now, [before], 0.04);
    expect(row).toMatchObject({ name: "data", inUseNow: false, lastUsedBy: { containerName: "db-old", seenAt: "2026-01-01T00:00:00.000Z" } });
  });
});
