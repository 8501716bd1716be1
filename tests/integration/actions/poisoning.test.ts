import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as addHost } from "@/app/api/hosts/route";
import { POST as pollRoute } from "@/app/api/hosts/[hostId]/poll/route";
import { GET as imagesRoute } from "@/app/api/snapshots/[snapshotId]/images/route";
import { GET as layersRoute } from "@/app/api/snapshots/[snapshotId]/layers/route";
import { startActionEngine, write, type ActionEngine } from "@/tests/support/actionEngine";
import { engineGet } from "@/tests/support/engineCli";
import { ENGINE_BASICS, sendJson, startFakeEngineServer } from "@/tests/support/fakeEngineServer";
import { jsonOf, params, request } from "@/tests/support/routes";

// Issue 8's attack: a FAKE engine (a lying host) reports the ID of an image just built on a real host,
// with fake layers, 999,999,999 bytes and a 2023 build date. Nothing it says may change what Ballast
// believes about the real host's image: its figures stay the engine's own, and it is not suggested as
// "unused for more than 30 days" — so approving the suggestions cannot remove it.

const LIE_BYTES = 999_999_999;
const CREATED_2023 = Date.parse("2023-03-01T00:00:00Z") / 1000;
const FAKE_DIFF = `sha256:${"f".repeat(64)}`;

function lyingEngineRoutes(imageId: string, tag: string) {
  return {
    ...ENGINE_BASICS,
    "/system/df": sendJson({
      LayersSize: LIE_BYTES,
      Images: [{ Id: imageId, Size: LIE_BYTES, SharedSize: 0, Containers: 0, RepoTags: [tag] }],
      Containers: [],
      Volumes: [],
      BuildCache: [],
    }),
    "/images/json": sendJson([{ Id: imageId, ParentId: "", RepoTags: [tag], RepoDigests: [], Created: CREATED_2023, Size: LIE_BYTES, Labels: {} }]),
    [`/images/${imageId}/json`]: sendJson({ Id: imageId, RootFS: { Type: "layers", Layers: [FAKE_DIFF] } }),
    [`/images/${imageId}/history`]: sendJson([{ Created: CREATED_2023, CreatedBy: "RUN lie", Size: LIE_BYTES, Comment: "" }]),
  };
}

describe("a lying host cannot poison another host's facts", () => {
  let engine: ActionEngine;
  let closeFake: (() => Promise<void>) | null = null;
  let fakeHostId = "";
  let imageId = "";
  const tag = "t/fresh:1";

  const poll = async (hostId: string) =>
    (await jsonOf(await pollRoute(request(`/api/hosts/${hostId}/poll`, { method: "POST", headers: { cookie: engine.cookie } }), params({ hostId })))).body;
  const imagesOf = async (snapshotId: string) =>
    (await jsonOf(await imagesRoute(request(`/api/snapshots/${snapshotId}/images`, { headers: { cookie: engine.cookie } }), params({ snapshotId })))).body
      .images as any[];
  const layersOf = async (snapshotId: string) =>
    (await jsonOf(await layersRoute(request(`/api/snapshots/${snapshotId}/layers`, { headers: { cookie: engine.cookie } }), params({ snapshotId })))).body
      .layers as any[];

  beforeAll(async () => {
    engine = await startActionEngine("poison");
    engine.build(tag, `FROM t/base:1\nRUN ${write("/fresh.bin", 64)}\n`);
    imageId = engine.docker(["image", "inspect", "--format", "{{.Id}}", tag]);
    const fake = await startFakeEngineServer(lyingEngineRoutes(imageId, tag));
    closeFake = fake.close;
    const created = await jsonOf(
      await addHost(request("/api/hosts", { method: "POST", body: { name: "liar", endpoint: fake.endpoint }, headers: { cookie: engine.cookie } })),
    );
    expect(created.status).toBe(201);
    fakeHostId = created.body.host.id;
  });
  afterAll(async () => {
    await closeFake?.();
    await engine?.close();
  });

  it("keeps the real host's image, layers and totals equal to its own /system/df after the liar reported the same image first", async () => {
    const lie = await poll(fakeHostId);
    expect(lie.snapshot.totals.imagesBytes).toBe(LIE_BYTES);
    const { snapshot } = await poll(engine.hostId);

    const df = (await engineGet(engine.dockerHost, "/v1.41/system/df")) as { LayersSize: number; Images: { Id: string; Size: number; SharedSize: number }[] };
    const inspect = (await engineGet(engine.dockerHost, `/v1.41/images/${imageId}/json`)) as { Created: string; RootFS: { Layers: string[] } };
    expect(snapshot.totals.imagesBytes).toBe(df.LayersSize);
    const image = (await imagesOf(snapshot.id)).find((candidate) => candidate.id === imageId);
    const dfImage = df.Images.find((candidate) => candidate.Id === imageId)!;
    expect(image).toMatchObject({ sizeBytes: dfImage.Size, sharedBytes: dfImage.SharedSize, tags: [tag] });
    expect(Date.parse(image.createdAt)).toBe(Math.floor(Date.parse(inspect.Created) / 1000) * 1000);
    const layers = await layersOf(snapshot.id);
    const diffIds = layers.filter((layer) => layer.imageIds.includes(imageId)).map((layer) => layer.diffId);
    expect(diffIds.sort()).toEqual([...inspect.RootFS.Layers].sort());
    expect(layers.some((layer) => layer.diffId === FAKE_DIFF || layer.sizeBytes === LIE_BYTES)).toBe(false);
  });

  it("does not suggest the real host's fresh image as unused for 30 days, and the liar's figures stay its own", async () => {
    await poll(fakeHostId);
    // No suggestion at all is stored when a strategy finds nothing.
    const suggestion = await engine.suggestion("unused_images");
    expect((suggestion?.targets ?? []).map((target: { id: string }) => target.id)).not.toContain(imageId);
    for (const candidate of [suggestion, await engine.suggestion("dangling_images")]) {
      if (candidate?.targets.length > 0) expect((await engine.approve(candidate.id)).status).toBe(200);
    }
    expect(engine.docker(["images", "-q", tag])).not.toBe("");

    // The liar's own snapshot still says what the liar said: its rows are its own.
    const lie = await poll(fakeHostId);
    const lieImage = (await imagesOf(lie.snapshot.id)).find((candidate) => candidate.id === imageId);
    expect(lieImage).toMatchObject({ sizeBytes: LIE_BYTES, createdAt: new Date(CREATED_2023 * 1000).toISOString() });
  });
});
