import { beforeAll, describe, expect, inject, it } from "vitest";
import { collectSnapshot, memoryImageFactsCache } from "@/lib/collect/collectSnapshot";
import { createEngineClient } from "@/lib/collect/engine";
import { parseEndpoint } from "@/lib/collect/endpoint";
import { accountImages, imageLayerBytes } from "@/lib/analysis/imageAccounting";
import type { HostSnapshot } from "@/lib/collect/schema";
import { engineGet } from "@/tests/support/engineCli";

type Df = {
  LayersSize: number;
  Images: { Id: string; Size: number; SharedSize: number; Containers: number }[];
  Containers: { Id: string; SizeRw?: number }[];
  Volumes: { Name: string; UsageData: { Size: number; RefCount: number } }[];
  BuildCache: { ID: string; Size: number; Shared: boolean; InUse: boolean }[];
};

describe("collectSnapshot against a real engine", () => {
  const dockerHost = inject("dockerHost");
  let snapshot: HostSnapshot;
  let df: Df;

  beforeAll(async () => {
    snapshot = await collectSnapshot(createEngineClient(parseEndpoint(dockerHost)));
    df = (await engineGet(dockerHost, "/system/df")) as Df;
  });

  it("records the engine it read", () => {
    expect(snapshot.engine.storageDriver).toBe("overlay2");
    expect(snapshot.engine.apiVersion).toMatch(/^1\.\d+$/);
    expect(snapshot.engine.dataRoot).toContain("scene");
  });

  it("image bytes equal /system/df LayersSize to the byte", () => {
    expect(snapshot.layersSizeBytes).toBe(df.LayersSize);
    expect(imageLayerBytes(snapshot)).toBe(df.LayersSize);
  });

  it("every image's size, shared and unique bytes equal /system/df's", () => {
    const accounting = accountImages(snapshot);
    expect(df.Images.length).toBeGreaterThanOrEqual(9);
    for (const dfImage of df.Images) {
      const row = accounting.get(dfImage.Id);
      expect(row, dfImage.Id).toBeDefined();
      expect(row!.sizeBytes).toBe(dfImage.Size);
      expect(row!.sharedBytes).toBe(dfImage.SharedSize);
      expect(row!.uniqueBytes).toBe(dfImage.Size - dfImage.SharedSize);
    }
  });

  it("sees shared layers, a dangling image and the same diff on two chains", () => {
    const accounting = accountImages(snapshot);
    const byTag = (tag: string) => snapshot.images.find((image) => image.tags.includes(tag))!;
    expect(accounting.get(byTag("ballast-test/app-a:1").id)!.sharedBytes).toBeGreaterThan(1_900_000);
    expect(snapshot.images.filter((image) => image.dangling && !image.intermediate)).toHaveLength(1);
    const diffIds = snapshot.layers.map((layer) => layer.diffId);
    expect(new Set(diffIds).size).toBeLessThan(diffIds.length);
  });

  it("labels each layer with the step that made it", () => {
    const appA = snapshot.images.find((image) => image.tags.includes("ballast-test/app-a:1"))!;
    const steps = appA.chain.map((chainId) => snapshot.layers.find((layer) => layer.chainId === chainId)!);
    expect(steps.map((layer) => layer.createdBy)).toEqual([
      expect.stringContaining("COPY file:"),
      "/bin/busybox --install -s /bin",
      expect.stringContaining("dd if=/dev/urandom of=/a.bin"),
    ]);
    expect(steps[2].sizeBytes).toBe(300 * 1024);
  });

  it("containers' writable layers, volumes and build cache match /system/df", () => {
    for (const dfContainer of df.Containers) {
      expect(snapshot.containers.find((c) => c.id === dfContainer.Id)?.writableBytes).toBe(dfContainer.SizeRw ?? 0); // omitted when 0
    }
    const writer = snapshot.containers.find((c) => c.name === "bt-writer")!;
    expect(writer.writableBytes).toBeGreaterThanOrEqual(500 * 1024);
    expect(writer.logPath).toMatch(/-json\.log$/);
    expect(snapshot.containers.find((c) => c.name === "bt-never-started")!.state).toBe("created");
    for (const dfVolume of df.Volumes) {
      const volume = snapshot.volumes.find((v) => v.name === dfVolume.Name)!;
      expect(volume.sizeBytes).toBe(dfVolume.UsageData.Size);
      expect(volume.refCount).toBe(dfVolume.UsageData.RefCount);
    }
    expect(snapshot.volumes.find((v) => v.name === "bt-named")!.anonymous).toBe(false);
    expect(snapshot.volumes.filter((v) => v.anonymous)).toHaveLength(1);
    expect(snapshot.volumes.find((v) => v.name === "bt-orphan")!.refCount).toBe(0);
    expect(snapshot.buildCache.map((record) => record.sizeBytes).sort()).toEqual(df.BuildCache.map((record) => record.Size).sort());
    expect(snapshot.buildCache.some((record) => !record.shared && record.sizeBytes >= 400 * 1024)).toBe(true);
  });

  it("fetches an image's history once per image ID (intermediates from their children's), then serves it from the cache", async () => {
    const client = createEngineClient(parseEndpoint(dockerHost));
    const paths: string[] = [];
    const counting = {
      endpoint: client.endpoint,
      api: client.api,
      request: (method: "GET" | "POST" | "DELETE", path: string, query?: Record<string, unknown>) => (paths.push(path), client.request(method, path, query)),
    };
    const cache = memoryImageFactsCache();
    const first = await collectSnapshot(counting, cache);
    const histories = () => paths.filter((path) => path.endsWith("/history")).length;
    // Classic-builder intermediates take their history from a child's (issue 14): no call of their own.
    expect(histories()).toBe(first.images.filter((image) => !image.intermediate).length);
    expect(new Set(paths.filter((path) => path.endsWith("/history"))).size).toBe(histories());
    paths.length = 0;
    const second = await collectSnapshot(counting, cache);
    expect(histories()).toBe(0);
    expect(second.layersSizeBytes).toBe(first.layersSizeBytes);
  });
});
