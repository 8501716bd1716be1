import net from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { GET as listHosts, POST as addHost } from "@/app/api/hosts/route";
import { DELETE as deleteHost, GET as getHost, PATCH as patchHost } from "@/app/api/hosts/[hostId]/route";
import { POST as pollRoute } from "@/app/api/hosts/[hostId]/poll/route";
import { POST as testRoute } from "@/app/api/hosts/test/route";
import { db } from "@/lib/store/db";
import { startFakeEngineServer, type FakeRoute } from "@/tests/support/fakeEngineServer";
import { jsonOf, params, request } from "@/tests/support/routes";
import { useFreshDatabase } from "@/tests/support/testDatabase";

// Hosts management through the public API, against the two real private dockerds (and a FAKE server
// that answers HTML, for not_docker). No account exists here, so the install is open (single user).

/** A loopback port nothing listens on: bound, then closed (checked refused before use). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const test = async (body: unknown) => jsonOf(await testRoute(request("/api/hosts/test", { method: "POST", body })));
const patch = async (id: string, body: unknown) => jsonOf(await patchHost(request(`/api/hosts/${id}`, { method: "PATCH", body }), params({ hostId: id })));
const poll = async (id: string) => jsonOf(await pollRoute(request(`/api/hosts/${id}/poll`, { method: "POST" }), params({ hostId: id })));
const summary = async (id: string) => (await jsonOf(await getHost(request(`/api/hosts/${id}`), params({ hostId: id })))).body.host;

describe("hosts management: test connection, edit, disable, delete", () => {
  let cleanup: () => Promise<void>;
  let hostId: string;
  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase());
  });
  afterAll(async () => cleanup());

  it("Test connection names the engine, or the cause", async () => {
    const ok = await test({ endpoint: inject("dockerHost") });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ok: true, engine: { id: expect.any(String), storageDriver: "overlay2", apiVersion: expect.stringMatching(/^1\.\d+$/) } });
    const refused = await test({ endpoint: `tcp://127.0.0.1:${await closedPort()}` });
    expect(refused.body).toMatchObject({ ok: false, error: { code: "refused" } });
    // A socket path that is no socket is refused by the endpoint safety rules before any connection.
    expect(await test({ endpoint: "unix:///nonexistent/docker.sock" })).toMatchObject({ status: 400, body: { error: { code: "refused_endpoint" } } });
    const html: FakeRoute = (_req, res) => res.writeHead(200, { "content-type": "text/html" }).end("<html>a web page</html>");
    const fake = await startFakeEngineServer({ "/version": html });
    try {
      expect((await test({ endpoint: fake.endpoint })).body.error.code).toBe("not_docker");
    } finally {
      await fake.close();
    }
    expect((await test({ endpoint: "ftp://x" })).status).toBe(400);
  });

  it("edits name, interval and price; disabling and enabling set the status", async () => {
    hostId = (await jsonOf(await addHost(request("/api/hosts", { method: "POST", body: { name: "scene", endpoint: inject("dockerHost") } })))).body.host.id;
    expect((await poll(hostId)).status).toBe(200);
    const edited = await patch(hostId, { name: "scene-renamed", pollIntervalSec: 60, pricePerGbMonth: 0.1 });
    expect(edited.status).toBe(200);
    expect(edited.body.host).toMatchObject({ name: "scene-renamed", pollIntervalSec: 60, pricePerGbMonth: 0.1, status: "ok" });
    const disabled = await patch(hostId, { enabled: false });
    expect(disabled.body.host).toMatchObject({ enabled: false, status: "disabled" });
    const enabled = await patch(hostId, { enabled: true });
    expect(enabled.body.host).toMatchObject({ enabled: true, status: "pending", nextPollAt: null });
    expect((await patch(hostId, {})).status).toBe(400);
    expect((await patch(hostId, { bogus: 1 })).status).toBe(400);
  });

  it("an endpoint edited to reach another engine starts a new series, and says so", async () => {
    const before = await summary(hostId);
    const moved = await patch(hostId, { endpoint: inject("secondTcpHost") });
    expect(moved.status).toBe(200);
    expect(moved.body.newSeries).toMatchObject({ message: expect.stringContaining("another Docker engine") });
    expect(moved.body.host.seriesStartedAt).not.toBeNull();
    expect(moved.body.host.endpoint).toBe(inject("secondTcpHost"));
    expect(before.seriesStartedAt).toBeNull();
    // The same engine again is no new series.
    expect((await patch(hostId, { endpoint: inject("secondTcpHost"), pollIntervalSec: 61 })).body.newSeries).toBeNull();
  });

  it("refuses to delete a host with a cleanup running (409), then deletes it and its snapshots; its runs stay", async () => {
    expect((await poll(hostId)).status).toBe(200);
    const snapshots = await db().snapshot.count({ where: { hostId } });
    expect(snapshots).toBeGreaterThanOrEqual(2);
    const snapshotId = (await db().snapshot.findFirstOrThrow({ where: { hostId } })).id;
    const suggestion = await db().suggestion.create({
      data: { hostId, snapshotId, strategy: "test", title: "t", reason: "r", targetsJson: "[]", bytes: 0, monthlyCost: 0, risk: "low", actionable: true },
    });
    const run = await db().actionRun.create({
      data: { suggestionId: suggestion.id, hostId, hostName: "scene-renamed", approvedBy: "x", expectedBytes: 0, snapshotBeforeId: snapshotId },
    });
    const busy = await jsonOf(await deleteHost(request(`/api/hosts/${hostId}`, { method: "DELETE" }), params({ hostId })));
    expect(busy.status).toBe(409);
    expect(busy.body.error.code).toBe("cleanup_running");
    await db().actionRun.update({ where: { id: run.id }, data: { status: "done" } });

    expect((await summary(hostId)).snapshotCount).toBe(snapshots);
    const deleted = await jsonOf(await deleteHost(request(`/api/hosts/${hostId}`, { method: "DELETE" }), params({ hostId })));
    expect(deleted).toEqual({ status: 200, body: { deleted: { hostId, snapshots } } });
    expect(await db().snapshot.count({ where: { hostId } })).toBe(0);
    expect((await jsonOf(await listHosts(request("/api/hosts")))).body.hosts).toEqual([]);
    expect(await db().actionRun.findUnique({ where: { id: run.id } })).toMatchObject({ hostId, hostName: "scene-renamed", suggestionId: null, status: "done" });
    expect((await jsonOf(await deleteHost(request(`/api/hosts/${hostId}`, { method: "DELETE" }), params({ hostId })))).status).toBe(404);
  });
});
