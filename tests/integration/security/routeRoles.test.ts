import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as login } from "@/app/api/auth/login/route";
import { issueApiToken } from "@/lib/auth/apiTokens";
import { hashPassword } from "@/lib/auth/password";
import { permissionsOf, ROLES, type Permission, type Role } from "@/lib/analysis/roles";
import { revokeApiToken } from "@/lib/store/apiTokens";
import { createUser, updateUser } from "@/lib/store/users";
import { discoverApiRoutes, fillTemplate, type ApiRouteCase } from "@/tests/support/apiRoutes";
import { params, request } from "@/tests/support/routes";
import { useFreshDatabase } from "@/tests/support/testDatabase";

// Every route × every role: the permission each route checks is the one this table names (a route
// added to app/api without an entry here fails), and each role gets exactly what its grants allow.

const EXPECTED: Record<string, Permission | "public"> = {
  "GET /api/audit": "viewAudit",
  "POST /api/auth/login": "public",
  "POST /api/auth/logout": "public",
  "GET /api/auth/session": "public",
  "GET /api/fleet": "view",
  "GET /api/fleet/shared-layers": "view",
  "GET /api/health": "public",
  "GET /api/hosts": "view",
  "POST /api/hosts": "manageHosts",
  "GET /api/hosts/[hostId]": "view",
  "PATCH /api/hosts/[hostId]": "manageHosts",
  "DELETE /api/hosts/[hostId]": "manageHosts",
  "POST /api/hosts/[hostId]/poll": "poll",
  "POST /api/hosts/test": "manageHosts",
  "PATCH /api/hosts/[hostId]/settings": "managePrices",
  "GET /api/reports/cost": "view",
  "GET /api/reports/cost.csv": "view",
  "GET /api/snapshots/[snapshotId]": "view",
  "GET /api/snapshots/[snapshotId]/build-cache": "view",
  "GET /api/snapshots/[snapshotId]/containers": "view",
  "GET /api/snapshots/[snapshotId]/duplicates": "view",
  "GET /api/snapshots/[snapshotId]/images": "view",
  "GET /api/snapshots/[snapshotId]/images/[imageId]": "view",
  "GET /api/snapshots/[snapshotId]/layers": "view",
  "GET /api/snapshots/[snapshotId]/reclaimable": "view",
  "GET /api/snapshots/[snapshotId]/sharing": "view",
  "GET /api/snapshots/[snapshotId]/treemap": "view",
  "GET /api/snapshots/[snapshotId]/volumes": "view",
  "GET /api/suggestions": "view",
  "POST /api/suggestions/[suggestionId]/approve": "approve",
  "GET /api/tokens": "manageOwnAccount",
  "POST /api/tokens": "manageOwnAccount",
  "DELETE /api/tokens/[tokenId]": "manageOwnAccount",
  "GET /api/trends": "view",
  "GET /api/users": "manageUsers",
  "POST /api/users": "manageUsers",
  "PATCH /api/users/[userId]": "manageUsers",
};

/** Mutations a viewer may make: signing in and out, and their own tokens. Nothing on a host, a price or a user. */
const VIEWER_MUTATIONS = ["POST /api/auth/login", "POST /api/auth/logout", "POST /api/tokens", "DELETE /api/tokens/[tokenId]"];

type Caller = { name: string; role: Role | null; headers: Record<string, string>; token?: boolean };

/** Logging out ends the caller's session: it runs last, after every other route. */
const LAST = "POST /api/auth/logout";

const PASSWORD = "role-test-password";

async function call(route: ApiRouteCase, caller: Caller): Promise<number> {
  const url = fillTemplate(route.template, () => "nonexistent0");
  const body = route.method === "GET" || route.method === "DELETE" ? undefined : {};
  const response = await route.handler(
    request(url, { method: route.method, body, headers: caller.headers }),
    params(Object.fromEntries(route.paramNames.map((name) => [name, "nonexistent0"]))),
  );
  return response.status;
}

describe("every route checks its named permission, for every role", () => {
  let cleanup: () => Promise<void>;
  let routes: ApiRouteCase[];
  const callers: Caller[] = [{ name: "anonymous", role: null, headers: {} }];
  let stale: Caller[] = [];

  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase());
    routes = (await discoverApiRoutes()).sort((a, b) => Number(a.key === LAST) - Number(b.key === LAST));
    for (const role of ROLES) {
      const user = (await createUser({ username: `${role}-user`, passwordHash: await hashPassword(PASSWORD), role, source: "users_page" }))!;
      const signedIn = await login(request("/api/auth/login", { method: "POST", body: { username: user.username, password: PASSWORD } }));
      expect(signedIn.status).toBe(200);
      callers.push({ name: `${role} (session)`, role, headers: { cookie: signedIn.headers.get("set-cookie")!.split(";")[0] } });
      const { token } = await issueApiToken(user.id, "test", role);
      callers.push({ name: `${role} (API token)`, role, headers: { authorization: `Bearer ${token}` }, token: true });
    }
    // An admin's viewer token acts as a viewer; a revoked token and a disabled user's token act as nobody.
    const admin = (await createUser({ username: "admin-two", passwordHash: await hashPassword(PASSWORD), role: "admin", source: "users_page" }))!;
    const viewerToken = await issueApiToken(admin.id, "read-only", "viewer");
    callers.push({ name: "admin's viewer token", role: "viewer", headers: { authorization: `Bearer ${viewerToken.token}` }, token: true });
    const revoked = await issueApiToken(admin.id, "revoked", "admin");
    await revokeApiToken(admin.id, revoked.apiToken.id, new Date());
    const gone = (await createUser({ username: "gone-user", passwordHash: await hashPassword(PASSWORD), role: "admin", source: "users_page" }))!;
    const goneToken = await issueApiToken(gone.id, "gone", "admin");
    await updateUser(gone.id, { disabled: true });
    stale = [
      { name: "revoked token", role: null, headers: { authorization: `Bearer ${revoked.token}` } },
      { name: "disabled user's token", role: null, headers: { authorization: `Bearer ${goneToken.token}` } },
      { name: "made-up token", role: null, headers: { authorization: "Bearer blst_madeup" } },
    ];
  });
  afterAll(async () => cleanup());

  it("knows every route in app/api, and each declares the permission in this table", () => {
    expect(routes.map((r) => r.key).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const route of routes) expect([route.key, route.handler.permission]).toEqual([route.key, EXPECTED[route.key]]);
  });

  it("lets a viewer change nothing but their own session and tokens", () => {
    const viewerMutations = routes
      .filter((r) => r.method !== "GET")
      .filter((r) => r.handler.permission === "public" || permissionsOf("viewer").includes(r.handler.permission))
      .map((r) => r.key);
    expect(viewerMutations.sort()).toEqual([...VIEWER_MUTATIONS].sort());
  });

  it("answers each role by its grants: allowed is never 401/403, refused is 401 for strangers and 403 for the signed-in", async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      for (const caller of callers) {
        const status = await call(route, caller);
        const permission = EXPECTED[route.key];
        const allowed = permission === "public" || (caller.role !== null && permissionsOf(caller.role).includes(permission));
        // A token cannot mint tokens (a leaked one must not outlive its revocation).
        const mintsWithToken = route.key === "POST /api/tokens" && caller.token;
        const expected = allowed && !mintsWithToken ? "allowed" : caller.role === null ? 401 : 403;
        const ok = expected === "allowed" ? status !== 401 && status !== 403 && status < 500 : status === expected;
        if (!ok) wrong.push(`${route.key} as ${caller.name}: ${status} (expected ${expected})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("refuses stale or made-up tokens on every non-public route", async () => {
    const wrong: string[] = [];
    for (const route of routes.filter((r) => EXPECTED[r.key] !== "public")) {
      for (const caller of stale) {
        const status = await call(route, caller);
        if (status !== 401) wrong.push(`${route.key} as ${caller.name}: ${status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("with BALLAST_ANONYMOUS_VIEW=true lets strangers read but never change anything or read the audit log", async () => {
    process.env.BALLAST_ANONYMOUS_VIEW = "true";
    try {
      const wrong: string[] = [];
      for (const route of routes) {
        const status = await call(route, callers[0]);
        const permission = EXPECTED[route.key];
        const allowed = permission === "public" || permission === "view";
        if (allowed ? status === 401 || status >= 500 : status !== 401) wrong.push(`${route.key}: ${status}`);
      }
      expect(wrong).toEqual([]);
    } finally {
      delete process.env.BALLAST_ANONYMOUS_VIEW;
    }
  });
});
