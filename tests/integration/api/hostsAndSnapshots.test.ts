import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { GET as listHosts, POST as addHost } from "@/app/api/hosts/route";
import { POST as pollRoute } from "@/app/api/hosts/[hostId]/poll/route";
import { GET as getSnapshot } from "@/app/api/snapshots/[snapshotId]/route";
import { GET as getImages } from "@/app/api/snapshots/[snapshotId]/images/route";
import { GET as getLayers } from "@/app/api/snapshots/[snapshotId]/layers/route";
import { GET as health } from "@/app/api/health/route";
import { engineGet } from "@/tests/support/engineCli";
import { jsonOf, params, request } from "@/tests/support/routes";
import { useFreshDatabase } from "@/tests/support/testDatabase";

type Df = { LayersSize: number; Images: { Id: string; Size: number; SharedSize: number }[] };

describe("hosts, polls and snapshots through the public API", () => {
  const dockerHost = inject("dockerHost");
  let cleanup: () => Promise<void>;
  let hostId: string;
  let snapshotId: string;

  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase());
  });
  afterAll(async () => cleanup());

  it("answers health with the version", async () => {
    expect((await jsonOf(await health(request("/api/health")))).body).toEqual({ ok: true, version: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
  });

  it("adds a host and polls it into a snapshot whose image bytes equal LayersSize", async () => {
    const created = await jsonOf(await addHost(request("/api/hosts", { method: "POST", body: { name: "scene", endpoint: dockerHost } })));
    expect(created.status).toBe(201);
    hostId = created.body.host.id;
    const polled = await jsonOf(await pollRoute(request(`/api/hosts/${hostId}/poll`, { method: "POST" }), params({ hostId })));
    expect(polled.status).toBe(200);
    snapshotId = polled.body.snapshot.id;
    const df = (await engineGet(dockerHost, "/system/df")) as Df;
    expect(polled.body.snapshot.totals.imagesBytes).toBe(df.LayersSize);
    expect(polled.body.snapshot.engine.storageDriver).toBe("overlay2");
    expect(polled.body.snapshot.totals.logsBytes).toBeNull();
  });

  it("serves every image with /system/df's size, shared and unique bytes", async () => {
    const df = (await engineGet(dockerHost, "/system/df")) as Df;
    const { body } = await jsonOf(await getImages(request(`/api/snapshots/${snapshotId}/images`), params({ snapshotId })));
    expect(body.images).toHaveLength(df.Images.length);
    for (const image of df.Images) {
      const row = body.images.find((r: { id: string }) => r.id === image.Id);
      expect([row.sizeBytes, row.sharedBytes, row.uniqueBytes]).toEqual([image.Size, image.SharedSize, image.Size - image.SharedSize]);
    }
    const fairShares = body.images.reduce((sum: number, r: { fairShareBytes: number }) => sum + r.fairShareBytes, 0);
    expect(fairShares).toBe(df.LayersSize);
  });

  it("serves layers whose bytes add up to LayersSize, each with the images using it", async () => {
    const df = (await engineGet(dockerHost, "/system/df")) as Df;
    const { body } = await jsonOf(await getLayers(request(`/api/snapshots/${snapshotId}/layers`), params({ snapshotId })));
    expect(body.layers.reduce((sum: number, l: { sizeBytes: number }) => sum + l.sizeBytes, 0)).toBe(df.LayersSize);
    expect(body.layers.every((l: { imageIds: string[] }) => l.imageIds.length > 0)).toBe(true);
  });

  it("a second poll of an unchanged host stores nothing twice, and reads back the same", async () => {
    const { db } = await import("@/lib/store/db");
    const { loadHostSnapshot } = await import("@/lib/store/snapshotReader");
    const counts = async () => ({
      images: await db().image.count(),
      layers: await db().layer.count(),
      imageParts: await db().snapshotImagePart.count(),
      containerRows: await db().snapshotContainer.count(),
      containerSets: await db().snapshotContainerSet.count(),
      volumeRows: await db().snapshotVolume.count(),
      buildCacheRows: await db().snapshotBuildCache.count(),
    });
    const before = await counts();
    const second = await jsonOf(await pollRoute(request(`/api/hosts/${hostId}/poll`, { method: "POST" }), params({ hostId })));
    expect(await counts()).toEqual(before);
    expect(await db().snapshot.count({ where: { hostId } })).toBe(2);
    const [first, again] = await Promise.all([loadHostSnapshot(snapshotId), loadHostSnapshot(second.body.snapshot.id)]);
    const content = (s: typeof first) => ({
      images: s!.images,
      layers: [...s!.layers].sort((a, b) => a.chainId.localeCompare(b.chainId)),
      containers: s!.containers,
      volumes: s!.volumes,
      buildCache: s!.buildCache,
    });
    expect(content(again)).toEqual(content(first));
  });

  it("an unreachable host gets a failed snapshot and a 502, and the last good one stays", async () => {
    const created = await jsonOf(await addHost(request("/api/hosts", { method: "POST", body: { name: "gone", endpoint: "tcp://127.0.0.1:9" } })));
    const id = created.body.host.id;
    const polled = await jsonOf(await pollRoute(request(`/api/hosts/${id}/poll`, { method: "POST" }), params({ hostId: id })));
    expect(polled.status).toBe(502);
    expect(polled.body.error).toMatchObject({ code: "refused", message: expect.stringContaining("Cannot reach tcp://127.0.0.1:9") });
    const failed = await jsonOf(
      await getSnapshot(request(`/api/snapshots/${polled.body.error.snapshotId}`), params({ snapshotId: polled.body.error.snapshotId })),
    );
    expect(failed.body.snapshot).toMatchObject({ status: "failed", error: { code: "refused" }, totals: null });
    const hosts = (await jsonOf(await listHosts(request("/api/hosts")))).body.hosts;
    expect(hosts.find((h: { name: string }) => h.name === "gone")).toMatchObject({
      status: "unreachable",
      lastError: { code: "refused" },
      lastGoodSnapshot: null,
    });
    expect(hosts.find((h: { name: string }) => h.name === "scene").lastGoodSnapshot.status).toBe("ok");
  });

  it("rejects bad input with 400/404/409 and a JSON error", async () => {
    const cases: [Response | Promise<Response>, number, string][] = [
      [addHost(request("/api/hosts", { method: "POST", body: "{not json" })), 400, "invalid_json"],
      [addHost(request("/api/hosts", { method: "POST", body: { name: "x", endpoint: "http://example" } })), 400, "invalid_endpoint"],
      [addHost(request("/api/hosts", { method: "POST", body: { name: "bad name!", endpoint: "tcp://h:1" } })), 400, "invalid_body"],
      [addHost(request("/api/hosts", { method: "POST", body: { name: "scene", endpoint: "tcp://h:1" } })), 409, "name_taken"],
      [
        addHost(
          request("/api/hosts", { method: "POST", body: { name: "t", endpoint: "tcp://h:1", tls: { caPath: "/no/ca", certPath: "/no/c", keyPath: "/no/k" } } }),
        ),
        400,
        "invalid_tls",
      ],
      [pollRoute(request("/api/hosts/nope/poll", { method: "POST" }), params({ hostId: "nope" })), 404, "not_found"],
      [getSnapshot(request("/api/snapshots/x%20y"), params({ snapshotId: "x y" })), 400, "invalid_id"],
      [getImages(request("/api/snapshots/unknown/images"), params({ snapshotId: "unknown" })), 404, "not_found"],
      [
        addHost(request("/api/hosts", { method: "POST", body: { name: "csrf", endpoint: "tcp://h:1" }, headers: { origin: "https://evil.example" } })),
        403,
        "forbidden",
      ],
    ];
    for (const [response, status, code] of cases) {
      const { status: actual, body } = await jsonOf(await response);
      expect([actual, body.error?.code]).toEqual([status, code]);
      expect(typeof body.error.message).toBe("string");
    }
  });
});
