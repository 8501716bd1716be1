import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { directMatch } from "@/lib/api/directRoutes";
import { hashPassword } from "@/lib/auth/password";
import { createUser } from "@/lib/store/users";
import { useFreshDatabase } from "@/tests/support/testDatabase";
import { discoverApiRoutes, fillTemplate } from "../../support/apiRoutes";

// A route that opts into the direct path names its own path (lib/api/directRoutes.ts); a wrong name
// would hand another route's requests to it. Every route module is loaded (as Next.js loads them):
// each registered pattern must be the folder of the file whose GET it is, and nothing else is matched.
describe("direct routes", () => {
  it("are registered under their own folder's pattern, and every other route goes through Next.js", async () => {
    const routes = await discoverApiRoutes();
    const DIRECT = Symbol.for("ballast.directRoutes");
    const registry = (globalThis as Record<symbol, { appRoutes?: string[] } | undefined>)[DIRECT]!;
    registry.appRoutes = [...new Set(routes.map((route) => route.template))];
    const direct = routes.filter((route) => route.method === "GET" && directMatch(fillTemplate(route.template, () => "x1")));
    for (const route of routes) {
      const match = directMatch(fillTemplate(route.template, (name) => `${name}-1`));
      if (route.method === "GET" && match) {
        expect(match.handler, route.key).toBe(route.handler);
        expect(match.pattern).toBe(route.template);
        expect(match.params).toEqual(Object.fromEntries(route.paramNames.map((name) => [name, `${name}-1`])));
      }
    }
    expect(direct.map((route) => route.template).sort()).toEqual([
      "/api/health",
      "/api/snapshots/[snapshotId]/build-cache",
      "/api/snapshots/[snapshotId]/containers",
      "/api/snapshots/[snapshotId]/duplicates",
      "/api/snapshots/[snapshotId]/images",
      "/api/snapshots/[snapshotId]/images/[imageId]",
      "/api/snapshots/[snapshotId]/layers",
      "/api/snapshots/[snapshotId]/reclaimable",
      "/api/snapshots/[snapshotId]/sharing",
      "/api/snapshots/[snapshotId]/treemap",
    ]);
    // A segment that would need decoding, a dot segment, an empty one: Next.js decides.
    for (const path of ["/api/snapshots/a%20b/images", "/api/snapshots/../images", "/api/snapshots//images", "/api/health/", "/api/snapshots/sha256:1/images"])
      expect(directMatch(path), path).toBeNull();
  });
});

describe("the server's warm-up request", () => {
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase());
    // An account exists: a request without the nonce and without a session is refused, never served.
    await createUser({ username: "someone", passwordHash: await hashPassword("a long password"), role: "admin", source: "users_page" });
  });
  afterAll(() => cleanup());

  it("is answered 204 by every route with the process's nonce, before any check or work; a wrong nonce is an ordinary request", async () => {
    const routes = await discoverApiRoutes();
    const NONCE = Symbol.for("ballast.warmUpNonce");
    const nonce = "a".repeat(32);
    (globalThis as Record<symbol, unknown>)[NONCE] = nonce;
    try {
      for (const route of routes) {
        const url = `http://127.0.0.1${fillTemplate(route.template, () => "warm-up")}`;
        const context = { params: Promise.resolve(Object.fromEntries(route.paramNames.map((name) => [name, "warm-up"]))) };
        // A cross-site POST without a session: anything but the warm-up would refuse it (403).
        const request = (value: string) =>
          new NextRequest(url, { method: route.method, headers: { "x-ballast-warm-up": value, origin: "https://elsewhere.example" } });
        expect((await route.handler(request(nonce), context)).status, route.key).toBe(204);
        expect((await route.handler(request("b".repeat(32)), context)).status, route.key).not.toBe(204);
      }
    } finally {
      delete (globalThis as Record<symbol, unknown>)[NONCE];
    }
  });
});
