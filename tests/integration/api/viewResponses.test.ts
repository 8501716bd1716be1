import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { POST as login } from "@/app/api/auth/login/route";
import { POST as addHost } from "@/app/api/hosts/route";
import { POST as pollRoute } from "@/app/api/hosts/[hostId]/poll/route";
import { PATCH as setPrice } from "@/app/api/hosts/[hostId]/settings/route";
import { GET as getImages } from "@/app/api/snapshots/[snapshotId]/images/route";
import { GET as getTreemap } from "@/app/api/snapshots/[snapshotId]/treemap/route";
import { viewResponses } from "@/lib/api/viewResponseCache";
import { hashPassword } from "@/lib/auth/password";
import { createUser } from "@/lib/store/users";
import { jsonOf, params, request } from "@/tests/support/routes";
import { useFreshDatabase } from "@/tests/support/testDatabase";

// The shared finished answers of the snapshot view routes (issue 14), through the real routes and store on
// the scene engine: what is sent is what an uncached build answers, a cached answer never skips the
// permission check, and what the answer depends on (snapshot, query, price) picks another answer.

describe("snapshot view routes share finished answers", () => {
  const dockerHost = inject("dockerHost");
  let cleanup: () => Promise<void>;
  let hostId: string;
  let snapshotId: string;
  const treemap = (id: string, query = "", headers: Record<string, string> = {}) =>
    getTreemap(request(`/api/snapshots/${id}/treemap${query}`, { headers }), params({ snapshotId: id }));
  const poll = async () => (await jsonOf(await pollRoute(request(`/api/hosts/${hostId}/poll`, { method: "POST" }), params({ hostId })))).body.snapshot.id;

  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase());
    hostId = (await jsonOf(await addHost(request("/api/hosts", { method: "POST", body: { name: "scene", endpoint: dockerHost } })))).body.host.id;
    snapshotId = await poll();
  });
  afterAll(async () => cleanup());

  it("sends the gzip built once where the server passes it on, the same answer inflated elsewhere, and 304 on its ETag", async () => {
    const passes = Symbol.for("ballast.passesEncodedAnswers");
    const global = globalThis as Record<symbol, unknown>;
    global[passes] = true; // as scripts/server.mjs does
    let zipped: Response;
    try {
      zipped = await treemap(snapshotId, "", { "accept-encoding": "gzip, deflate" });
    } finally {
      delete global[passes];
    }
    expect(zipped.status).toBe(200);
    expect(zipped.headers.get("x-ballast-content-encoding")).toBe("gzip");
    const etag = zipped.headers.get("etag")!;
    const fromGzip = JSON.parse(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString());
    const plain = await treemap(snapshotId, "", { "accept-encoding": "gzip, deflate" });
    expect(plain.headers.get("x-ballast-content-encoding")).toBeNull();
    expect(plain.headers.get("etag")).toBe(etag);
    expect(await plain.json()).toEqual(fromGzip);
    expect(fromGzip.treemap.root.id).toBe("host");
    const notModified = await treemap(snapshotId, "", { "if-none-match": etag });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe("");
  });

  it("keys answers by the parsed query: the same focus written two ways is one answer, a bad one a 400 kept nowhere", async () => {
    const before = viewResponses().size;
    const a = await treemap(snapshotId, "?focus=host");
    const b = await treemap(snapshotId, "?focus=host&ignored=1");
    expect(a.headers.get("etag")).toBe(b.headers.get("etag"));
    expect(viewResponses().size).toBe(before);
    expect((await treemap(snapshotId, "?focus=%00")).status).toBe(400);
    expect((await jsonOf(await treemap(snapshotId, "?focus=repo:nonexistent"))).status).toBe(404);
    expect(viewResponses().size).toBe(before);
  });

  it("a new price is a new answer; a new poll is a new snapshot with its own answer, the old one still served", async () => {
    const cheap = await jsonOf(await treemap(snapshotId));
    await setPrice(request(`/api/hosts/${hostId}/settings`, { method: "PATCH", body: { pricePerGbMonth: 7 } }), params({ hostId }));
    const dear = await jsonOf(await treemap(snapshotId));
    expect(dear.body.treemap.pricePerGbMonth).toBe(7);
    expect(dear.body.treemap.pricePerGbMonth).not.toBe(cheap.body.treemap.pricePerGbMonth);
    const next = await poll();
    expect(next).not.toBe(snapshotId);
    const fresh = await jsonOf(await treemap(next));
    expect(fresh.body.treemap.totalBytes).toBe(dear.body.treemap.totalBytes);
    expect((await jsonOf(await treemap(snapshotId))).body).toEqual(dear.body);
  });

  it("never hands a cached answer to a caller the route refuses; a viewer gets it", async () => {
    const url = `/api/snapshots/${snapshotId}/images`;
    expect((await getImages(request(url), params({ snapshotId }))).status).toBe(200); // cached while no account exists
    await createUser({ username: "viewer-one", passwordHash: await hashPassword("viewer-one-password"), role: "viewer", source: "users_page" });
    const anonymous = await jsonOf(await getImages(request(url), params({ snapshotId })));
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.images).toBeUndefined();
    const signedIn = await login(request("/api/auth/login", { method: "POST", body: { username: "viewer-one", password: "viewer-one-password" } }));
    const cookie = signedIn.headers.get("set-cookie")!.split(";")[0];
    const viewer = await jsonOf(await getImages(request(url, { headers: { cookie } }), params({ snapshotId })));
    expect(viewer.status).toBe(200);
    expect(viewer.body.images.length).toBeGreaterThan(0);
  });
});
