import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectSnapshot, memoryImageFactsCache } from "@/lib/collect/collectSnapshot";
import { createEngineClient, type EngineClient } from "@/lib/collect/engine";
import { parseEndpoint } from "@/lib/collect/endpoint";
import { isMetadataStep } from "@/lib/collect/layerHistory";
import type { HostSnapshot, Image } from "@/lib/collect/schema";
import { categoryTotals } from "@/lib/analysis/cost";
import { accountImages } from "@/lib/analysis/imageAccounting";
import { engineGet } from "@/tests/support/engineCli";
import { startFakeBuilderEngine, type FakeBuilderContent } from "@/tests/support/fakeBuilderEngine";
// @ts-expect-error plain ESM scripts (the test environment's dockerd, issue 14's image builder)
import { startPrivateDockerd, stopPrivateDockerd } from "@/scripts/test-env/privateDockerd.mjs";
// @ts-expect-error plain ESM scripts
import { fillWithImages, manyImagesDir, MANY_IMAGES_BASE, shortExecRoot } from "@/scripts/test-env/manyImages.mjs";

// The bench's FAKE bigger hosts mean something only if the fake answers like a real engine. Here a real
// Docker 20.10 engine holding manyImages.mjs's classic-builder corpus (~65 images, cached under
// .test-env/many-images) and the FAKE engine given the same content (the real base's layer sizes, the
// same build numbers) are compared: the shape of every answer a poll reads, the calls a cold poll makes,
// and every figure Ballast derives (sizes, Docker's shared size, layers, totals, per-image accounting).
// Image and layer IDs differ (the fake cannot make the real config digests), so images are matched by
// their tags, or an untagged one by the image built on it.

const ENGINE = "docker-20.10-overlay2";
const COUNT = 65;
let real: { dockerHost: string };
let fake: Awaited<ReturnType<typeof startFakeBuilderEngine>>;
let content: FakeBuilderContent;

type History = { Id: string; CreatedBy: string; Size: number; Tags: string[] | null }[];

beforeAll(async () => {
  const dir = manyImagesDir(ENGINE, COUNT);
  const started = await startPrivateDockerd(dir, { extraArgs: ["--exec-root", shortExecRoot(dir)] });
  await fillWithImages(started.dockerHost, COUNT);
  real = { dockerHost: started.dockerHost };
  const baseId = ((await engineGet(real.dockerHost, `/images/${MANY_IMAGES_BASE}/json`)) as { Id: string }).Id;
  const baseHistory = (await engineGet(real.dockerHost, `/images/${baseId}/history`)) as History;
  const tags = ((await engineGet(real.dockerHost, "/images/json")) as { RepoTags: string[] | null }[]).flatMap((image) => image.RepoTags ?? []);
  content = {
    baseTag: MANY_IMAGES_BASE,
    baseSteps: [...baseHistory]
      .reverse()
      .map((step) => ({ createdBy: step.CreatedBy, size: step.Size, layer: step.Size > 0 || !isMetadataStep(step.CreatedBy) })),
    builds: tags
      .flatMap(
        (tag) =>
          tag
            .match(/^ballast-many\/app-\d+:(\d+)$/)
            ?.slice(1)
            .map(Number) ?? [],
      )
      .sort((a, b) => a - b),
  };
  fake = await startFakeBuilderEngine(content);
}, 600_000);

afterAll(async () => {
  await fake?.close();
  await stopPrivateDockerd(manyImagesDir(ENGINE, COUNT));
});

/**
 * A JSON value's shape: object keys (sorted) and value kinds, arrays by their elements' distinct shapes. Below
 * `depth` only an object's keys count (an inspect's Config.Labels is {} on one real image, null on the next).
 */
function shape(value: unknown, depth = Infinity): unknown {
  // An array by the distinct shapes of its elements (the engine's order of equal-time images varies).
  if (Array.isArray(value)) return [...new Set(value.map((element) => JSON.stringify(shape(element, depth - 1))))].sort().map((text) => JSON.parse(text));
  if (value === null) return "null";
  if (typeof value === "object") {
    const entries = Object.entries(value as object).sort(([a], [b]) => a.localeCompare(b));
    return depth <= 1 ? entries.map(([key]) => key) : Object.fromEntries(entries.map(([key, v]) => [key, shape(v, depth - 1)]));
  }
  return typeof value;
}

/** Counts each kind of request a client sends. */
function counting(client: EngineClient) {
  const calls = new Map<string, number>();
  const counted: EngineClient = {
    ...client,
    request: (method, path, query) => {
      const kind = path.replace(/sha256:[0-9a-f]{64}/, "{id}");
      calls.set(kind, (calls.get(kind) ?? 0) + 1);
      return client.request(method, path, query);
    },
  };
  return { counted, calls };
}

/** Image names independent of IDs: the tag, or "parent of <the image built on it>". */
function namesOf(images: Image[]): Map<string, string> {
  const child = new Map(images.filter((image) => image.parentId).map((image) => [image.parentId!, image]));
  const name = (image: Image, hops = 0): string =>
    image.tags[0] ?? (child.has(image.id) && hops < images.length ? `parent of ${name(child.get(image.id)!, hops + 1)}` : `untagged leaf`);
  return new Map(images.map((image) => [image.id, name(image)]));
}

/** Everything Ballast derives for one snapshot, keyed by image name; IDs left out, COPY file hashes masked. */
function figures(snapshot: HostSnapshot) {
  const names = namesOf(snapshot.images);
  const layers = new Map(snapshot.layers.map((layer) => [layer.chainId, layer]));
  const accounting = accountImages(snapshot);
  const images = Object.fromEntries(
    snapshot.images.map((image) => {
      const { id: _id, chain, parentId, createdAt: _createdAt, ...rest } = image;
      const own = accounting.get(image.id);
      return [
        names.get(image.id)!,
        {
          ...rest,
          parent: parentId ? names.get(parentId) : null,
          layers: chain.map((chainId) => {
            const layer = layers.get(chainId)!;
            return { sizeBytes: layer.sizeBytes, createdBy: layer.createdBy?.replace(/file:[0-9a-f]{64}/, "file:…") ?? null };
          }),
          // Fair shares split a shared layer's bytes evenly; who gets the remainder bytes follows the IDs.
          accounting: own ? { ...own, id: undefined, fairShareBytes: undefined } : null,
          fairShareBytes: own?.fairShareBytes ?? null,
        },
      ];
    }),
  );
  return {
    imageCount: snapshot.images.length,
    layerCount: snapshot.layers.length,
    layersSizeBytes: snapshot.layersSizeBytes,
    totals: categoryTotals(snapshot),
    images,
  };
}

describe(`a FAKE classic-builder engine against a real ${ENGINE} holding the same content`, () => {
  it("answers every request a poll reads in the real engine's shape", async () => {
    const realClient = createEngineClient(parseEndpoint(real.dockerHost));
    const fakeClient = createEngineClient(parseEndpoint(fake.endpoint));
    const both = async (path: string, query: Record<string, unknown> = {}) => [
      await realClient.request("GET", path, query),
      await fakeClient.request("GET", path, query),
    ];
    for (const [path, query] of [
      ["/images/json", {}],
      ["/images/json", { all: true }],
      ["/system/df", {}],
    ] as const) {
      const [fromReal, fromFake] = await both(path, query);
      expect(shape(fromFake), `${path} ${JSON.stringify(query)}`).toEqual(shape(fromReal));
    }
    // One image of each kind: the base, a build's intermediate, a build's tagged leaf.
    const kinds = async (client: EngineClient) => {
      const all = (await client.request("GET", "/images/json", { all: true })) as { Id: string; ParentId: string; RepoTags: string[] }[];
      const leaf = all.find((image) => image.RepoTags[0].startsWith("ballast-many/app-"))!;
      return [all.find((image) => image.RepoTags[0] === MANY_IMAGES_BASE)!.Id, leaf.ParentId, leaf.Id];
    };
    const [realIds, fakeIds] = [await kinds(realClient), await kinds(fakeClient)];
    for (const [k, kind] of ["base", "intermediate", "leaf"].entries()) {
      for (const suffix of ["json", "history"]) {
        const fromReal = await realClient.request("GET", `/images/${realIds[k]}/${suffix}`);
        const fromFake = await fakeClient.request("GET", `/images/${fakeIds[k]}/${suffix}`);
        // An inspect's nested objects (Config, GraphDriver …) by their keys; RootFS is compared whole below.
        const depth = suffix === "json" ? 2 : Infinity;
        expect(shape(fromFake, depth), `${kind} ${suffix}`).toEqual(shape(fromReal, depth));
        if (suffix === "json") expect(shape((fromFake as { RootFS: unknown }).RootFS)).toEqual(shape((fromReal as { RootFS: unknown }).RootFS));
      }
    }
    // Its engine answers too: the version and the engine details a snapshot records.
    const [realVersion, fakeVersion] = await both("/version");
    expect(fakeVersion).toMatchObject({ ApiVersion: (realVersion as { ApiVersion: string }).ApiVersion });
  });

  it("gives a cold poll the same calls, and Ballast the same figures, as the real engine", async () => {
    const fromReal = counting(createEngineClient(parseEndpoint(real.dockerHost)));
    const fromFake = counting(createEngineClient(parseEndpoint(fake.endpoint)));
    const realSnapshot = await collectSnapshot(fromReal.counted, memoryImageFactsCache());
    const fakeSnapshot = await collectSnapshot(fromFake.counted, memoryImageFactsCache());
    expect(Object.fromEntries(fromFake.calls)).toEqual(Object.fromEntries(fromReal.calls));
    expect(realSnapshot.images.length).toBeGreaterThanOrEqual(COUNT);
    const [fromFakeFigures, fromRealFigures] = [figures(fakeSnapshot), figures(realSnapshot)];
    const fairShares = (f: typeof fromRealFigures) =>
      Object.entries(f.images).map(([name, image]) => [name, image.fairShareBytes, image.layers.length] as const);
    const sum = (f: typeof fromRealFigures) => fairShares(f).reduce((total, [, bytes]) => total + (bytes ?? 0), 0);
    expect(sum(fromFakeFigures)).toBe(sum(fromRealFigures));
    for (const [name, bytes, layers] of fairShares(fromRealFigures)) {
      expect(Math.abs((fromFakeFigures.images[name!]?.fairShareBytes ?? NaN) - (bytes ?? 0)), name).toBeLessThanOrEqual(layers);
    }
    const withoutFairShares = (f: typeof fromRealFigures) => ({
      ...f,
      images: Object.fromEntries(Object.entries(f.images).map(([name, image]) => [name, { ...image, fairShareBytes: undefined }])),
    });
    expect(withoutFairShares(fromFakeFigures)).toEqual(withoutFairShares(fromRealFigures));
  });
});
