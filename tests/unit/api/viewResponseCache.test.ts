import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { acceptsGzip, cachedBodyResponse, createViewResponseCache, etagMatches, viewResponses, type CachedBody } from "@/lib/api/viewResponseCache";

// The finished answers the snapshot view routes share (issue 14): one build per key however many ask at
// once, a new key (a new snapshot, another query) builds anew, bounded by bytes, error answers never kept.

const decoded = (body: CachedBody | Response) => JSON.parse(gunzipSync((body as CachedBody).gzip).toString());

/** A JSON value whose gzipped size is about `bytes` (random hex does not compress much). */
const incompressible = (bytes: number) => ({ hex: Array.from({ length: bytes }, () => Math.floor(Math.random() * 16).toString(16)).join("") });

describe("view response cache", () => {
  it("builds once for callers arriving together and later (single flight), and gives them the same bytes", async () => {
    const cache = createViewResponseCache({ maxBytes: 1 << 20 });
    let builds = 0;
    const build = async () => (builds++, { images: [{ id: "sha256:a" }] });
    const answers = await Promise.all(Array.from({ length: 10 }, () => cache.get("s1|images", build)));
    const later = await cache.get("s1|images", build);
    expect(builds).toBe(1);
    expect(new Set([...answers, later]).size).toBe(1);
    expect(decoded(later)).toEqual({ images: [{ id: "sha256:a" }] });
    expect(cache.bytes).toBe((later as CachedBody).gzip.length);
  });

  it("builds a new answer for a new key (another snapshot, query, price) and keeps both", async () => {
    const cache = createViewResponseCache({ maxBytes: 1 << 20 });
    const a = await cache.get(JSON.stringify(["s1", "treemap", { focus: "host" }, 0.1]), () => ({ snapshot: "s1" }));
    const b = await cache.get(JSON.stringify(["s2", "treemap", { focus: "host" }, 0.1]), () => ({ snapshot: "s2" }));
    const c = await cache.get(JSON.stringify(["s1", "treemap", { focus: "host" }, 0.2]), () => ({ snapshot: "s1", price: 0.2 }));
    expect([decoded(a), decoded(b), decoded(c)]).toEqual([{ snapshot: "s1" }, { snapshot: "s2" }, { snapshot: "s1", price: 0.2 }]);
    expect(new Set([a, b, c].map((body) => (body as CachedBody).etag)).size).toBe(3);
    expect(cache.size).toBe(3);
  });

  it("stays within its byte budget, dropping the least recently used answers", async () => {
    const cache = createViewResponseCache({ maxBytes: 40_000 });
    let builds = 0;
    const build = () => (builds++, incompressible(16_000)); // about 8 kB gzipped
    for (const key of ["a", "b", "c", "d"]) await cache.get(key, build);
    await cache.get("a", build); // a is now the most recently used
    for (const key of ["e", "f"]) await cache.get(key, build);
    expect(cache.bytes).toBeLessThanOrEqual(40_000);
    expect(builds).toBe(6);
    await cache.get("a", build);
    expect(builds).toBe(6);
    await cache.get("b", build); // the oldest: dropped
    expect(builds).toBe(7);
  });

  it("sends but does not keep an answer larger than a quarter of the budget", async () => {
    const cache = createViewResponseCache({ maxBytes: 40_000 });
    const body = await cache.get("huge", () => incompressible(40_000));
    expect(decoded(body).hex).toHaveLength(40_000);
    expect([cache.size, cache.bytes]).toEqual([0, 0]);
  });

  it("never keeps an error answer or a build that threw; each waiting caller gets its own copy of the answer", async () => {
    const cache = createViewResponseCache({ maxBytes: 1 << 20 });
    const notFound = () => Response.json({ error: { code: "not_found", message: "Treemap node not found" } }, { status: 404 });
    const [x, y] = (await Promise.all([cache.get("k", notFound), cache.get("k", notFound)])) as Response[];
    expect([x.status, y.status]).toEqual([404, 404]);
    expect([await x.json(), await y.json()]).toEqual([
      { error: { code: "not_found", message: "Treemap node not found" } },
      { error: { code: "not_found", message: "Treemap node not found" } },
    ]);
    await expect(cache.get("broken", () => Promise.reject(new Error("database locked")))).rejects.toThrow("database locked");
    await Promise.resolve();
    expect(cache.size).toBe(0);
    expect(decoded(await cache.get("broken", () => ({ ok: true })))).toEqual({ ok: true });
  });

  it("is one cache per process, whichever bundle's copy of the module asks", () => {
    expect(viewResponses()).toBe(viewResponses());
    expect((globalThis as { ballastViewResponses?: unknown }).ballastViewResponses).toBe(viewResponses());
  });
});

describe("cached answers over HTTP", () => {
  const body = async () => (await createViewResponseCache({ maxBytes: 1 << 20 }).get("k", () => ({ layers: [1, 2, 3] }))) as CachedBody;

  it("sends the gzipped bytes as they are to a client that takes gzip, named for the server to pass on, with an ETag", async () => {
    const cached = await body();
    const response = await cachedBodyResponse(cached, new Headers({ "accept-encoding": "gzip, deflate, br" }), true);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-ballast-content-encoding")).toBe("gzip");
    expect(response.headers.get("content-encoding")).toBeNull();
    expect(response.headers.get("etag")).toBe(cached.etag);
    expect(response.headers.get("vary")).toBe("Accept-Encoding");
    expect(JSON.parse(gunzipSync(Buffer.from(await response.arrayBuffer())).toString())).toEqual({ layers: [1, 2, 3] });
  });

  it("inflates for a client that does not take gzip, or where no server passes encoded answers on (next dev)", async () => {
    for (const response of [
      await cachedBodyResponse(await body(), new Headers({ "accept-encoding": "gzip;q=0, identity" }), true),
      await cachedBodyResponse(await body(), new Headers({ "accept-encoding": "gzip" }), false),
    ]) {
      expect(response.headers.get("x-ballast-content-encoding")).toBeNull();
      expect(await response.json()).toEqual({ layers: [1, 2, 3] });
    }
  });

  it("answers 304 without a body when the client holds this answer already", async () => {
    const cached = await body();
    const response = await cachedBodyResponse(cached, new Headers({ "if-none-match": `"other", ${cached.etag.replace(/^W\//, "")}` }));
    expect(response.status).toBe(304);
    expect(response.headers.get("etag")).toBe(cached.etag);
    expect(await response.text()).toBe("");
    expect((await cachedBodyResponse(cached, new Headers({ "if-none-match": 'W/"other"' }))).status).toBe(200);
  });

  it("reads Accept-Encoding and If-None-Match as RFC 9110 says", () => {
    expect([acceptsGzip(null), acceptsGzip("br"), acceptsGzip("GZIP"), acceptsGzip("gzip;q=0"), acceptsGzip("gzip; q=0.5"), acceptsGzip("*")]).toEqual([
      false,
      false,
      true,
      false,
      true,
      true,
    ]);
    expect([etagMatches(null, 'W/"a"'), etagMatches("*", 'W/"a"'), etagMatches('"a"', 'W/"a"'), etagMatches('W/"b"', 'W/"a"')]).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });
});
