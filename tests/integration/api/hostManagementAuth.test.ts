import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as addHost } from "@/app/api/hosts/route";
import { PATCH as hostSettings } from "@/app/api/hosts/[hostId]/settings/route";
import { POST as login } from "@/app/api/auth/login/route";
import { GET as session } from "@/app/api/auth/session/route";
import { hashPassword } from "@/lib/auth/password";
import { upsertEnvAdmin } from "@/lib/store/users";
import { jsonOf, params, request } from "@/tests/support/routes";
import { useFreshDatabase } from "@/tests/support/testDatabase";

describe("who may add hosts and change their prices", () => {
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase());
  });
  afterAll(async () => cleanup());

  it("anyone, on an install without accounts (single-user setup)", async () => {
    expect((await jsonOf(await session(request("/api/auth/session")))).body).toMatchObject({ user: null, accountsExist: false });
    const created = await addHost(request("/api/hosts", { method: "POST", body: { name: "open", endpoint: "tcp://127.0.0.1:9" } }));
    expect(created.status).toBe(201);
  });

  it("only a signed-in admin once an account exists", async () => {
    await upsertEnvAdmin("root-admin", await hashPassword("correct horse battery"));
    const anonymous = await jsonOf(await addHost(request("/api/hosts", { method: "POST", body: { name: "later", endpoint: "tcp://127.0.0.1:9" } })));
    expect([anonymous.status, anonymous.body.error.code]).toEqual([401, "unauthorized"]);
    const hostId = "nonexistent";
    const price = await hostSettings(request(`/api/hosts/${hostId}/settings`, { method: "PATCH", body: { pricePerGbMonth: 0.1 } }), params({ hostId }));
    expect(price.status).toBe(401);

    const signedIn = await login(request("/api/auth/login", { method: "POST", body: { username: "root-admin", password: "correct horse battery" } }));
    const cookie = signedIn.headers.get("set-cookie")!.split(";")[0];
    const created = await addHost(request("/api/hosts", { method: "POST", body: { name: "later", endpoint: "tcp://127.0.0.1:9" }, headers: { cookie } }));
    expect(created.status).toBe(201);
    const me = await jsonOf(await session(request("/api/auth/session", { headers: { cookie } })));
    expect(me.body).toMatchObject({ user: { username: "root-admin", canManageHosts: true }, accountsExist: true });
  });
});
