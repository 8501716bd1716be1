import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as login } from "@/app/api/auth/login/route";
import { POST as logout } from "@/app/api/auth/logout/route";
import { GET as session } from "@/app/api/auth/session/route";
import { GET as listHosts } from "@/app/api/hosts/route";
import { GET as listUsers, POST as addUser } from "@/app/api/users/route";
import { PATCH as changeUser } from "@/app/api/users/[userId]/route";
import { ensureInitialAdmin } from "@/lib/auth/initialAdmin";
import { jsonOf, params, request } from "@/tests/support/routes";
import { useFreshDatabase } from "@/tests/support/testDatabase";

// The access check answers from lib/store/authCache.ts (no query per request): these prove the cache is
// exact. A session signed out, a role changed, a user disabled, an account created apply to the very next
// request that used the cached session; an expired session is refused with no write at all.

const ENV_ADMIN = { BALLAST_ADMIN_USER: "root", BALLAST_ADMIN_PASSWORD: "first-password" };
const signIn = async (username: string, password: string) => login(request("/api/auth/login", { method: "POST", body: { username, password } }));
const cookieOf = (response: Response) => (response.headers.get("set-cookie") ?? "").split(";")[0];
const as = (cookie: string) => ({ headers: { cookie } });
const sessionOf = async (cookie?: string) => (await jsonOf(await session(request("/api/auth/session", cookie ? as(cookie) : {})))).body;

describe("the in-process session cache", () => {
  let cleanup: () => Promise<void>;
  let admin: string;
  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase());
  });
  afterAll(async () => {
    vi.useRealTimers();
    await cleanup();
  });

  it("sees the first account at once: an install without accounts, then one with", async () => {
    expect((await sessionOf()).accountsExist).toBe(false);
    expect((await listHosts(request("/api/hosts"))).status).toBe(200);
    expect(await ensureInitialAdmin(ENV_ADMIN)).toBe("created_or_updated");
    expect((await sessionOf()).accountsExist).toBe(true);
    expect((await listHosts(request("/api/hosts"))).status).toBe(401);
    admin = cookieOf(await signIn("root", "first-password"));
    expect((await sessionOf(admin)).user.role).toBe("admin");
  });

  it("refuses a signed-out session on the next request, though it was just answered from the cache", async () => {
    const cookie = cookieOf(await signIn("root", "first-password"));
    expect((await listHosts(request("/api/hosts", as(cookie)))).status).toBe(200);
    expect((await listHosts(request("/api/hosts", as(cookie)))).status).toBe(200);
    expect((await logout(request("/api/auth/logout", { method: "POST", ...as(cookie) }))).status).toBe(200);
    expect((await listHosts(request("/api/hosts", as(cookie)))).status).toBe(401);
    expect((await sessionOf(cookie)).user).toBeNull();
  });

  it("applies a role change and a disabled user at once", async () => {
    const created = await jsonOf(
      await addUser(request("/api/users", { method: "POST", body: { username: "bea", password: "bea-password-1", role: "viewer" }, ...as(admin) })),
    );
    const id = created.body.user.id as string;
    const bea = cookieOf(await signIn("bea", "bea-password-1"));
    expect((await sessionOf(bea)).user.role).toBe("viewer");
    expect((await listUsers(request("/api/users", as(bea)))).status).toBe(403);
    expect((await changeUser(request(`/api/users/${id}`, { method: "PATCH", body: { role: "admin" }, ...as(admin) }), params({ userId: id }))).status).toBe(
      200,
    );
    // The session opened as a viewer is over (it never gains the new rights); a new one has them.
    expect((await sessionOf(bea)).user).toBeNull();
    expect((await listUsers(request("/api/users", as(bea)))).status).toBe(401);
    const beaAdmin = cookieOf(await signIn("bea", "bea-password-1"));
    expect((await listUsers(request("/api/users", as(beaAdmin)))).status).toBe(200);
    expect((await changeUser(request(`/api/users/${id}`, { method: "PATCH", body: { role: "viewer" }, ...as(admin) }), params({ userId: id }))).status).toBe(
      200,
    );
    expect((await listUsers(request("/api/users", as(beaAdmin)))).status).toBe(401);
    const beaViewer = cookieOf(await signIn("bea", "bea-password-1"));
    expect((await listHosts(request("/api/hosts", as(beaViewer)))).status).toBe(200);
    expect((await changeUser(request(`/api/users/${id}`, { method: "PATCH", body: { disabled: true }, ...as(admin) }), params({ userId: id }))).status).toBe(
      200,
    );
    expect((await listHosts(request("/api/hosts", as(beaViewer)))).status).toBe(401);
  });

  it("checks expiry on every request: a cached session past its end is refused with nothing written", async () => {
    const cookie = cookieOf(await signIn("root", "first-password"));
    expect((await listHosts(request("/api/hosts", as(cookie)))).status).toBe(200);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 400 * 24 * 3_600_000);
    expect((await listHosts(request("/api/hosts", as(cookie)))).status).toBe(401);
    vi.useRealTimers();
  });
});
