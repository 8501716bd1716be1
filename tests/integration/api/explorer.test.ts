import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { POST as addHost } from "@/app/api/hosts/route";
import { GET as getHost } from "@/app/api/hosts/[hostId]/route";
import { POST as pollRoute } from "@/app/api/hosts/[hostId]/poll/route";
import { GET as getTreemap } from "@/app/api/snapshots/[snapshotId]/treemap/route";
import { GET as getContainers } from "@/app/api/snapshots/[snapshotId]/containers/route";
import { GET as getVolumes } from "@/app/api/snapshots/[snapshotId]/volumes/route";
import { GET as getBuildCache } from "@/app/api/snapshots/[snapshotId]/build-cache/route";
import { GET as getDuplicates } from "@/app/api/snapshots/[snapshotId]/duplicates/route";
import { GET as getReclaimable } from "@/app/api/snapshots/[snapshotId]/reclaimable/route";
import { GET as getSharing } from "@/app/api/snapshots/[snapshotId]/sharing/route";
import { GET as getImage } from "@/app/api/snapshots/[snapshotId]/images/[imageId]/route";
import { engineGet } from "@/tests/support/engineCli";
import { jsonOf, params, request } from "@/tests/support/routes";
import { useFreshDatabase } from "@/tests/support/testDatabase";

// The explorer's numbers against the scene engine's own /system/df. Read-only on the engine.

type Df = {
  LayersSize: number;
  Images: { Id: string; Size: number; SharedSize: number; RepoTags: string[] | null; Containers: number }[];
  Containers: { Id: string; Names: string[]; SizeRw?: number; State: string }[];
  Volumes: { Name: string; UsageData: { Size: number; RefCount: number } }[];
  BuildCache: { ID: string; Size: number; Shared: boolean; InUse: boolean; Type: string }[];
};

describe("host explorer API on the scene engine", () => {
  const dockerHost = inject("dockerHost");
  let cleanup: () => Promise<void>;
  let hostId: string;
  let snapshotId: string;
  let df: Df;
  const get = async (route: (req: any, ctx: any) => Promise<Response>, path: string, extra: Record<string, string> = {}) =>
    jsonOf(await route(request(`/api/snapshots/${snapshotId}/${path}`), params({ snapshotId, ...extra })));

  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase());
    const created = await jsonOf(await addHost(request("/api/hosts", { method: "POST", body: { name: "scene", endpoint: dockerHost } })));
    hostId = created.body.host.id;
    await pollRoute(request(`/api/hosts/${hostId}/poll`, { method: "POST" }), params({ hostId }));
    const polled = await jsonOf(await pollRoute(request(`/api/hosts/${hostId}/poll`, { method: "POST" }), params({ hostId })));
    snapshotId = polled.body.snapshot.id;
    df = (await engineGet(dockerHost, "/system/df")) as Df;
  });
  afterAll(async () => cleanup());

  it("GET /api/hosts/{id} answers one host summary with its last good snapshot; unknown ids 404", async () => {
    const { status, body } = await jsonOf(await getHost(request(`/api/hosts/${hostId}`), params({ hostId })));
    expect(status).toBe(200);
    expect(body.host).toMatchObject({ id: hostId, name: "scene", status: "ok", lastGoodSnapshot: { id: snapshotId, totals: { imagesBytes: df.LayersSize } } });
    expect((await jsonOf(await getHost(request("/api/hosts/nope"), params({ hostId: "nope" })))).status).toBe(404);
  });

  it("the treemap adds up to LayersSize and draws every layer once", async () => {
    const { body } = await get(getTreemap, "treemap");
    expect(body.treemap.totalBytes).toBe(df.LayersSize);
    expect(body.treemap.root.valueBytes).toBe(df.LayersSize);
    const layers: string[] = [];
    const walk = (node: { kind: string; layer?: { chainId: string }; children: unknown[] }) => {
      if (node.layer) layers.push(node.layer.chainId);
      node.children.forEach((child) => walk(child as typeof node));
    };
    walk(body.treemap.root);
    expect(new Set(layers).size).toBe(layers.length);
  });

  it("treemap ?focus= answers one node's folded subtree or a folded group; unknown ids 404, malformed 400", async () => {
    const focus = async (id: string) => get(getTreemap, `treemap?${new URLSearchParams({ focus: id })}`);
    const whole = (await get(getTreemap, "treemap")).body.treemap;
    expect(whole.path).toEqual([]);
    const repo = whole.root.children.find((node: { kind: string }) => node.kind === "repository");
    const focused = await focus(repo.id);
    expect(focused.status).toBe(200);
    expect(focused.body.treemap).toMatchObject({ totalBytes: df.LayersSize, path: [{ id: "host" }], root: { id: repo.id, valueBytes: repo.valueBytes } });
    expect(focused.body.treemap.root.children).toEqual(repo.children);
    // The scene folds its zero-byte repositories (metadata-only images): opening the group lists them.
    const group = whole.root.children.find((node: { kind: string }) => node.kind === "aggregate");
    expect(group).toBeDefined();
    const opened = (await focus(group.id)).body.treemap;
    expect(opened.root).toMatchObject({ id: group.id, kind: "aggregate", valueBytes: group.valueBytes, itemCount: group.itemCount });
    expect(opened.root.children.reduce((sum: number, node: { valueBytes: number }) => sum + node.valueBytes, 0)).toBe(group.valueBytes);
    expect(opened.root.children.length).toBe(Math.min(group.itemCount, 41));
    for (const id of ["repo:nope", `${repo.id}/others@3`, "host/others@1"]) {
      const { status, body } = await focus(id);
      expect([id, status, body.error.code]).toEqual([id, 404, "not_found"]);
    }
    for (const id of ["a b", "repo:x'--", `repo:${"a".repeat(600)}`, "host/others@x"]) {
      const { status, body } = await focus(id);
      expect([id, status, body.error.code]).toEqual([id, 400, "invalid_query"]);
    }
  });

  it("containers: writable-layer bytes and state equal the engine's", async () => {
    const { body } = await get(getContainers, "containers");
    expect(body.containers).toHaveLength(df.Containers.length);
    for (const container of df.Containers) {
      expect(body.containers.find((row: { id: string }) => row.id === container.Id)).toMatchObject({
        writableBytes: container.SizeRw ?? 0,
        state: container.State,
      });
    }
  });

  it("volumes: size and ref count equal the engine's, with the last user from history", async () => {
    const { body } = await get(getVolumes, "volumes");
    expect(body.historySnapshots).toBe(2);
    for (const volume of df.Volumes) {
      expect(body.volumes.find((row: { name: string }) => row.name === volume.Name)).toMatchObject({
        sizeBytes: volume.UsageData.Size,
        refCount: volume.UsageData.RefCount,
      });
    }
    expect(body.volumes.find((row: { name: string }) => row.name === "bt-named").lastUsedBy.containerName).toBe("bt-volume-user");
  });

  it("build cache: every record and the private total equal the engine's", async () => {
    const { body } = await get(getBuildCache, "build-cache");
    expect(body.buildCache.records).toHaveLength(df.BuildCache.length);
    expect(body.buildCache.privateBytes).toBe(df.BuildCache.filter((r) => !r.Shared).reduce((sum, r) => sum + r.Size, 0));
    for (const record of df.BuildCache) {
      expect(body.buildCache.records.find((row: { id: string }) => row.id === record.ID)).toMatchObject({
        sizeBytes: record.Size,
        shared: record.Shared,
        inUse: record.InUse,
        type: record.Type,
      });
    }
  });

  it("duplicates: the payload COPY is stored on two chains, once too many", async () => {
    const { body } = await get(getDuplicates, "duplicates");
    const names = body.duplicates.diffs.flatMap((diff: { chains: { images: { name: string }[] }[] }) =>
      diff.chains.flatMap((chain) => chain.images.map((image) => image.name)),
    );
    expect(names).toEqual(expect.arrayContaining(["ballast-test/dup-x:1", "ballast-test/dup-y:1"]));
    expect(body.duplicates.totalWastedBytes).toBeGreaterThan(64 * 1024 - 1);
  });

  it("reclaimable: Docker's figure is what docker/cli computes from /system/df, ours beside it with a reason", async () => {
    const { body } = await get(getReclaimable, "reclaimable");
    const used = df.Images.filter((image) => image.Containers > 0).reduce((sum, image) => sum + image.Size - image.SharedSize, 0);
    expect(body.reclaimable.dockerReclaimableBytes).toBe(Math.max(0, df.LayersSize - used));
    expect(body.reclaimable.trueReclaimableBytes).toBeLessThanOrEqual(df.LayersSize);
    expect(body.reclaimable.explanation).toMatch(/\.$/);
  });

  it("sharing bars: top N plus others add up to the engine's image sizes; fair shares to LayersSize", async () => {
    const response = await getSharing(request(`/api/snapshots/${snapshotId}/sharing?sortBy=size&topN=3`), params({ snapshotId }));
    const { body } = await jsonOf(response);
    expect(body.bars).toHaveLength(4);
    expect(body.bars[3].imageCount).toBe(df.Images.length - 3);
    expect(body.bars.reduce((sum: number, bar: { sizeBytes: number }) => sum + bar.sizeBytes, 0)).toBe(df.Images.reduce((sum, image) => sum + image.Size, 0));
    expect(body.bars.reduce((sum: number, bar: { fairShareBytes: number }) => sum + bar.fairShareBytes, 0)).toBe(df.LayersSize);
    const bad = await jsonOf(await getSharing(request(`/api/snapshots/${snapshotId}/sharing?topN=0`), params({ snapshotId })));
    expect([bad.status, bad.body.error.code]).toEqual([400, "invalid_query"]);
  });

  it("image detail: layers add up to the engine's size, with the images sharing each layer", async () => {
    const appB2 = df.Images.find((image) => image.RepoTags?.includes("ballast-test/app-b:2"))!;
    const hex = appB2.Id.replace("sha256:", "");
    const { status, body } = await get(getImage, `images/${hex}`, { imageId: hex });
    expect(status).toBe(200);
    expect(body.image.accounting).toMatchObject({ sizeBytes: appB2.Size, sharedBytes: appB2.SharedSize });
    expect(body.image.layers.reduce((sum: number, layer: { sizeBytes: number }) => sum + layer.sizeBytes, 0)).toBe(appB2.Size);
    expect(body.image.layers[0].sharedWith.map((image: { name: string }) => image.name)).toContain("ballast-test/base:1");
    expect((await get(getImage, "images/zz", { imageId: "zz" })).status).toBe(400);
    expect((await get(getImage, `images/${"0".repeat(64)}`, { imageId: "0".repeat(64) })).status).toBe(404);
  });
});
