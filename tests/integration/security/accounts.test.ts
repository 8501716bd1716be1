import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as audit } from "@/app/api/audit/route";
import { POST as login } from "@/app/api/auth/login/route";
import { GET as listHosts } from "@/app/api/hosts/route";
import { POST as poll } from "@/app/api/hosts/[hostId]/poll/route";
import { GET as listTokens, POST as createToken } from "@/app/api/tokens/route";
import { DELETE as revokeToken } from "@/app/api/tokens/[tokenId]/route";
import { GET as listUsers, POST as addUser } from "@/app/api/users/route";
import { PATCH as changeUser } from "@/app/api/users/[userId]/route";
import { ensureInitialAdmin } from "@/lib/auth/initialAdmin";
import { setPeerNonce } from "@/lib/auth/clientAddress";
import { resetLimits } from "@/lib/auth/limits";
import { deleteAllLoginFailures } from "@/lib/store/loginFailures";
import { db, resetDb } from "@/lib/store/db";
import { jsonOf, params, request } from "@/tests/support/routes";
import { useFreshDatabase } from "@/tests/support/testDatabase";

// The attack list of issue 13, each as a test that now fails safely: password guessing, sessions that
// outlive a password or role change, tokens above their creator, admin actions without a trace.

const ENV_ADMIN = { BALLAST_ADMIN_USER: "root", BALLAST_ADMIN_PASSWORD: "first-password" };
const signIn = async (username: string, password: string, headers: Record<string, string> = {}) =>
  login(request("/api/auth/login", { method: "POST", body: { username, password }, headers }));
const cookieOf = (response: Response) => (response.headers.get("set-cookie") ?? "").split(";")[0];
const as = (cookie: string) => ({ headers: { cookie } });

describe("accounts, sessions, tokens and limits", () => {
  let cleanup: () => Promise<void>;
  let admin: string;
  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase());
    expect(await ensureInitialAdmin(ENV_ADMIN)).toBe("created_or_updated");
    admin = cookieOf(await signIn("root", "first-password"));
  });
  afterAll(async () => {
    setPeerNonce(undefined);
    vi.useRealTimers();
    await cleanup();
  });

  it("applies the environment admin only when its values changed: a Users-page reset survives a restart, a changed variable ends old sessions", async () => {
    expect(await ensureInitialAdmin(ENV_ADMIN)).toBe("unchanged");
    const root = (await jsonOf(await listUsers(request("/api/users", as(admin))))).body.users.find((u: { username: string }) => u.username === "root");
    const reset = await changeUser(
      request(`/api/users/${root.id}`, { method: "PATCH", body: { password: "reset-on-the-page" }, ...as(admin) }),
      params({ userId: root.id }),
    );
    expect(reset.status).toBe(200);
    // The reset ended the session it was made from.
    expect((await listHosts(request("/api/hosts", as(admin)))).status).toBe(401);
    expect(await ensureInitialAdmin(ENV_ADMIN)).toBe("unchanged");
    expect((await signIn("root", "first-password")).status).toBe(401);
    const afterReset = cookieOf(await signIn("root", "reset-on-the-page"));
    expect((await listHosts(request("/api/hosts", as(afterReset)))).status).toBe(200);
    expect(await ensureInitialAdmin({ ...ENV_ADMIN, BALLAST_ADMIN_PASSWORD: "second-password" })).toBe("created_or_updated");
    expect((await listHosts(request("/api/hosts", as(afterReset)))).status).toBe(401);
    admin = cookieOf(await signIn("root", "second-password"));
    expect((await listHosts(request("/api/hosts", as(admin)))).status).toBe(200);
  });

  it("ends a user's sessions when an admin changes their role or disables them; the last admin stays", async () => {
    const created = await jsonOf(
      await addUser(request("/api/users", { method: "POST", body: { username: "ann", password: "ann-password", role: "viewer" }, ...as(admin) })),
    );
    expect(created.status).toBe(201);
    const id = created.body.user.id as string;
    const ann = cookieOf(await signIn("ann", "ann-password"));
    expect((await listHosts(request("/api/hosts", as(ann)))).status).toBe(200);
    await changeUser(request(`/api/users/${id}`, { method: "PATCH", body: { role: "approver" }, ...as(admin) }), params({ userId: id }));
    expect((await listHosts(request("/api/hosts", as(ann)))).status).toBe(401);
    const again = cookieOf(await signIn("ann", "ann-password"));
    await changeUser(request(`/api/users/${id}`, { method: "PATCH", body: { disabled: true }, ...as(admin) }), params({ userId: id }));
    expect((await listHosts(request("/api/hosts", as(again)))).status).toBe(401);
    expect((await signIn("ann", "ann-password")).status).toBe(401);
    const root = (await jsonOf(await listUsers(request("/api/users", as(admin))))).body.users.find((u: { username: string }) => u.username === "root");
    const last = await jsonOf(
      await changeUser(request(`/api/users/${root.id}`, { method: "PATCH", body: { role: "viewer" }, ...as(admin) }), params({ userId: root.id })),
    );
    expect([last.status, last.body.error.code]).toEqual([409, "last_admin"]);
  });

  it("API tokens: shown once, stored hashed, never above their creator's role, revocable, sent as Bearer", async () => {
    await addUser(request("/api/users", { method: "POST", body: { username: "vic", password: "vic-password", role: "viewer" }, ...as(admin) }));
    const vic = cookieOf(await signIn("vic", "vic-password"));
    const above = await createToken(request("/api/tokens", { method: "POST", body: { name: "sneaky", role: "admin" }, ...as(vic) }));
    expect(above.status).toBe(403);
    const made = await jsonOf(await createToken(request("/api/tokens", { method: "POST", body: { name: "ci", role: "viewer" }, ...as(vic) })));
    expect(made.status).toBe(201);
    const token = made.body.token as string;
    expect(token).toMatch(/^blst_[\w-]{43}$/);
    const listed = await listTokens(request("/api/tokens", as(vic)));
    expect(await listed.text()).not.toContain(token);
    const row = await db().apiToken.findUniqueOrThrow({ where: { id: made.body.apiToken.id } });
    expect(JSON.stringify(row)).not.toContain(token.slice(10));
    const bearer = { headers: { authorization: `Bearer ${token}` } };
    expect((await listHosts(request("/api/hosts", bearer))).status).toBe(200);
    expect((await poll(request("/api/hosts/x/poll", { method: "POST", ...bearer }), params({ hostId: "x" }))).status).toBe(403);
    await revokeToken(request(`/api/tokens/${row.id}`, { method: "DELETE", ...as(vic) }), params({ tokenId: row.id }));
    expect((await listHosts(request("/api/hosts", bearer))).status).toBe(401);
  });

  it("writes every admin action to the audit log", async () => {
    const { body } = await jsonOf(await audit(request("/api/audit", as(admin))));
    const actions = body.entries.map((e: { action: string }) => e.action);
    for (const action of ["initial_admin_applied", "user_added", "user_changed", "token_created", "token_revoked"]) expect(actions).toContain(action);
    expect(JSON.stringify(body)).not.toMatch(/reset-on-the-page|ann-password/);
  });

  it("limits failed sign-ins to 10 per user name in 10 minutes (429 + Retry-After), then lets the user back in", async () => {
    resetLimits();
    await deleteAllLoginFailures();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-01T10:00:00Z"));
    for (let i = 0; i < 10; i++) expect((await signIn("root", `wrong-${i}`)).status).toBe(401);
    const limited = await signIn("root", "second-password");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(500);
    vi.setSystemTime(new Date("2026-12-01T10:10:01Z"));
    expect((await signIn("root", "second-password")).status).toBe(200);
    vi.useRealTimers();
  });

  it("limits failures to 30 per client address, from the TCP peer; X-Forwarded-For counts only from a trusted proxy", async () => {
    resetLimits();
    await deleteAllLoginFailures();
    setPeerNonce("test-nonce");
    const from = (peer: string, forwarded?: string) => ({ "x-ballast-peer": `test-nonce ${peer}`, ...(forwarded ? { "x-forwarded-for": forwarded } : {}) });
    // Rotating X-Forwarded-For from an untrusted peer does not reset the count.
    for (let i = 0; i < 30; i++) expect((await signIn(`nobody-${i}`, "x", from("10.0.0.9", `1.2.3.${i}`))).status).toBe(401);
    expect((await signIn("someone-else", "x", from("10.0.0.9", "9.9.9.9"))).status).toBe(429);
    // A forged peer header (wrong nonce) is not that peer.
    expect((await signIn("another", "x", { "x-ballast-peer": "forged 10.0.0.10" })).status).toBe(401);
    // Behind a trusted proxy the client named in X-Forwarded-For is counted, not the proxy.
    process.env.BALLAST_TRUSTED_PROXIES = "10.0.0.0/24";
    try {
      expect((await signIn("via-proxy", "x", from("10.0.0.9", "8.8.4.4"))).status).toBe(401);
    } finally {
      delete process.env.BALLAST_TRUSTED_PROXIES;
    }
  });

  it("keeps sign-in limits in the database: a new process (fresh memory, fresh database client) still refuses", async () => {
    resetLimits();
    await deleteAllLoginFailures();
    for (let i = 0; i < 10; i++) expect((await signIn("root", `wrong-${i}`)).status).toBe(401);
    // What a restart loses: everything on globalThis and the Prisma client.
    resetLimits();
    await resetDb();
    const limited = await signIn("root", "second-password");
    expect(limited.status).toBe(429);
    expect(await db().loginFailure.count({ where: { scope: "user", key: "root" } })).toBe(10);
    await deleteAllLoginFailures();
  });

  it("counts parallel guesses before checking any: 25 at once for one name let at most 10 reach the password check", async () => {
    resetLimits();
    await deleteAllLoginFailures();
    const answers = await Promise.all(Array.from({ length: 25 }, (_, i) => signIn("root", `parallel-${i}`)));
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(10);
    expect(statuses.filter((status) => status !== 401 && status !== 429)).toEqual([]);
    await deleteAllLoginFailures();
  });

  it("a stranger's failures lock a name for at most the 10-minute window, and the right password then clears them", async () => {
    resetLimits();
    await deleteAllLoginFailures();
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(new Date("2026-12-01T11:00:00Z"));
      for (let i = 0; i < 10; i++) expect((await signIn("root", `stranger-${i}`)).status).toBe(401);
      // The stranger keeps trying all through the window: refused tries are not counted, so they do not extend it.
      for (let minute = 1; minute < 10; minute++) {
        vi.setSystemTime(new Date(Date.parse("2026-12-01T11:00:00Z") + minute * 60_000));
        expect((await signIn("root", "stranger-again")).status).toBe(429);
      }
      vi.setSystemTime(new Date("2026-12-01T11:10:01Z"));
      expect((await signIn("root", "second-password")).status).toBe(200);
      expect(await db().loginFailure.count({ where: { scope: "user", key: "root" } })).toBe(0);
    } finally {
      vi.useRealTimers();
      await deleteAllLoginFailures();
    }
  });

  it("limits Poll now to 60 a minute per user (429 + Retry-After)", async () => {
    resetLimits();
    await deleteAllLoginFailures();
    for (let i = 0; i < 60; i++)
      expect((await poll(request("/api/hosts/nohost/poll", { method: "POST", ...as(admin) }), params({ hostId: "nohost" }))).status).toBe(404);
    const limited = await poll(request("/api/hosts/nohost/poll", { method: "POST", ...as(admin) }), params({ hostId: "nohost" }));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
  });
});
