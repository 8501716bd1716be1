import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { POST as addHost } from "@/app/api/hosts/route";
import { POST as pollRoute } from "@/app/api/hosts/[hostId]/poll/route";
import { GET as getImages } from "@/app/api/snapshots/[snapshotId]/images/route";
import { GET as getLayers } from "@/app/api/snapshots/[snapshotId]/layers/route";
import { GET as getTreemap } from "@/app/api/snapshots/[snapshotId]/treemap/route";
import { engineGet } from "@/tests/support/engineCli";
import { recordEngineFigure } from "@/tests/support/engineFigures";
import { jsonOf, params, request } from "@/tests/support/routes";
import { useFreshDatabase } from "@/tests/support/testDatabase";

// The matrix: every figure Ballast serves for the test scene equals that engine's own /system/df, on
// Docker 20.10 (overlay2), 26.1 and 28.5 (overlay2) and 28.5 with the containerd image store. Each is
// asserted against the API version the engine itself serves, never a pinned one.

type Df = {
  LayersSize: number;
  Images: { Id: string; Size: number; SharedSize: number }[];
  Containers: { Id: string; SizeRw?: number | null }[];
  Volumes: { Name: string; UsageData: { Size: number } }[];
  BuildCache: { ID: string; Size: number; Shared: boolean }[];
};

const hosts = [{ name: "docker-20.10-overlay2", dockerHost: inject("dockerHost") }, ...inject("matrixHosts")];

let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ cleanup } = await useFreshDatabase());
});
afterAll(async () => cleanup());

describe.each(hosts)("$name", ({ name, dockerHost }) => {
  let snapshot: any;
  let df: Df;
  let served: { Version: string; ApiVersion: string; MinAPIVersion?: string };

  beforeAll(async () => {
    served = (await engineGet(dockerHost, "/version")) as typeof served;
    const created = await jsonOf(await addHost(request("/api/hosts", { method: "POST", body: { name, endpoint: dockerHost } })));
    const hostId = created.body.host.id;
    const polled = await jsonOf(await pollRoute(request(`/api/hosts/${hostId}/poll`, { method: "POST" }), params({ hostId })));
    expect(polled.status).toBe(200);
    snapshot = polled.body.snapshot;
    df = (await engineGet(dockerHost, `/v${served.ApiVersion}/system/df`)) as Df;
  });

  it("negotiates the engine's own API version and records its image store", () => {
    expect(snapshot.engine).toMatchObject({
      version: served.Version,
      apiVersion: served.ApiVersion,
      maxApiVersion: served.ApiVersion,
      imageStore: name.endsWith("containerd") ? "containerd" : "graphdriver",
    });
  });

  it("serves image bytes, writable layers, volumes and build cache equal to the engine's /system/df", () => {
    expect(snapshot.totals.imagesBytes).toBe(df.LayersSize);
    expect(snapshot.totals.containersWritableBytes).toBe(df.Containers.reduce((sum, c) => sum + Math.max(0, c.SizeRw ?? 0), 0));
    expect(snapshot.totals.volumesBytes).toBe(df.Volumes.reduce((sum, v) => sum + v.UsageData.Size, 0));
    expect(snapshot.totals.buildCacheBytes).toBe(df.BuildCache.filter((r) => !r.Shared).reduce((sum, r) => sum + r.Size, 0));
  });

  it("serves every image's size, shared and unique exactly as docker system df -v, with Ballast's figures beside", async () => {
    const { body } = await jsonOf(await getImages(request(`/api/snapshots/${snapshot.id}/images`), params({ snapshotId: snapshot.id })));
    expect(body.images.map((row: { id: string }) => row.id).sort()).toEqual(df.Images.map((image) => image.Id).sort());
    for (const image of df.Images) {
      const row = body.images.find((r: { id: string }) => r.id === image.Id);
      expect([row.sizeBytes, row.sharedBytes, row.uniqueBytes]).toEqual([image.Size, image.SharedSize, image.Size - image.SharedSize]);
      expect(row.freedIfRemovedBytes).toBeGreaterThanOrEqual(0);
    }
    expect(body.images.reduce((sum: number, r: { fairShareBytes: number }) => sum + r.fairShareBytes, 0)).toBe(df.LayersSize);
    if (name !== "docker-20.10-overlay2") expect(body.accounting.note).toMatch(/\w/);
  });

  it("adds up: the layers plus the engine-only part, and the treemap, equal LayersSize", async () => {
    const { body: layers } = await jsonOf(await getLayers(request(`/api/snapshots/${snapshot.id}/layers`), params({ snapshotId: snapshot.id })));
    const { body: images } = await jsonOf(await getImages(request(`/api/snapshots/${snapshot.id}/images`), params({ snapshotId: snapshot.id })));
    const layerBytes = layers.layers.reduce((sum: number, l: { sizeBytes: number }) => sum + l.sizeBytes, 0);
    expect(layerBytes + images.accounting.engineOnlyBytes).toBe(df.LayersSize);
    if (name.endsWith("overlay2")) expect(images.accounting.engineOnlyBytes).toBe(0);
    recordEngineFigure(name, "image_bytes", {
      apiVersion: snapshot.engine.apiVersion,
      layersSize: df.LayersSize,
      listedLayerBytes: layerBytes,
      engineOnlyBytes: images.accounting.engineOnlyBytes,
      images: df.Images.length,
      dockerSizeBytes: df.Images.reduce((sum, image) => sum + image.Size, 0),
    });
    const { body: tree } = await jsonOf(await getTreemap(request(`/api/snapshots/${snapshot.id}/treemap`), params({ snapshotId: snapshot.id })));
    expect(tree.treemap.totalBytes).toBe(df.LayersSize);
    expect(tree.treemap.root.valueBytes).toBe(df.LayersSize);
  });
});
