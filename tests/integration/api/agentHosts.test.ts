import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { GET as listHostsRoute, POST as addHost } from "@/app/api/hosts/route";
import { PATCH as changeHost } from "@/app/api/hosts/[hostId]/route";
import { POST as pollRoute } from "@/app/api/hosts/[hostId]/poll/route";
import { POST as login } from "@/app/api/auth/login/route";
import { GET as snapshotRoute } from "@/app/api/snapshots/[snapshotId]/route";
import { GET as containersRoute } from "@/app/api/snapshots/[snapshotId]/containers/route";
import { GET as listSuggestions } from "@/app/api/suggestions/route";
import { POST as approveRoute } from "@/app/api/suggestions/[suggestionId]/approve/route";
import { GET as costCsv } from "@/app/api/reports/cost.csv/route";
import { ensureInitialAdmin } from "@/lib/auth/initialAdmin";
import { db } from "@/lib/store/db";
// @ts-expect-error plain ESM scripts shared with the browser tests
import { startPrivateDockerd, stopPrivateDockerd } from "../../../scripts/test-env/privateDockerd.mjs";
import { freePort, startAgent, type RunningAgent } from "../../support/agentProcess";
import { dockerCli } from "../../support/engineCli";
import { buildLogScene, LOG_SCENE, logFilesOnDisk } from "../../support/logScene";
import { jsonOf, params, request } from "../../support/routes";
import { useFreshDatabase } from "../../support/testDatabase";

// Ballast polling a host through the real agent, end to end through the API routes: adding it, the
// token never answered back, log and disk figures, a wrong fingerprint, the agent dying mid-poll, and
// an approved cleanup run through the agent.

const ADMIN = { username: "agent-admin", password: "correct horse battery" };
let dir: string;
let dockerHost: string;
let dataRoot: string;
let agent: RunningAgent;
let agentPort: number;
let database: Awaited<ReturnType<typeof useFreshDatabase>>;
let cookie: string;
let hostId: string;
let relay: net.Server;
let killAfterBytes = Infinity;

const seenAnswers: string[] = [];
const remember = async (response: Response) => {
  const text = await response.clone().text();
  seenAnswers.push(text);
  return jsonOf(response);
};
const poll = () => pollRoute(request(`/api/hosts/${hostId}/poll`, { method: "POST", headers: { cookie } }), params({ hostId })).then(remember);
const startTheAgent = async () => (agent = await startAgent({ dockerHost, stateDir: path.join(dir, "state"), port: agentPort, allowActions: true }));

/**
 * A plain TCP relay in front of the agent (Ballast connects to it): it passes bytes unchanged, so TLS
 * and pinning are end to end, and can SIGKILL the agent once enough answer bytes went through.
 */
function startRelay(port: number): Promise<number> {
  relay = net.createServer((client) => {
    const upstream = net.connect(port, "127.0.0.1");
    let passed = 0;
    upstream.on("data", (chunk) => {
      passed += chunk.length;
      client.write(chunk);
      if (passed > killAfterBytes) {
        killAfterBytes = Infinity;
        agent.child.kill("SIGKILL");
      }
    });
    client.on("data", (chunk) => upstream.write(chunk));
    const end = () => (client.destroy(), upstream.destroy());
    upstream.on("error", end).on("close", end);
    client.on("error", end).on("close", end);
  });
  return new Promise((resolve) => relay.listen(0, "127.0.0.1", () => resolve((relay.address() as net.AddressInfo).port)));
}

// Everything Ballast itself prints while the file runs: the token must appear in none of it.
const printed: string[] = [];
for (const method of ["log", "info", "warn", "error"] as const) {
  const original = console[method].bind(console);
  console[method] = (...args: unknown[]) => {
    printed.push(args.map(String).join(" "));
    original(...args);
  };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(inject("testRoot"), "agent-hosts-"));
  try {
    dockerHost = (await startPrivateDockerd(path.join(dir, "engine"))).dockerHost;
    dataRoot = path.join(dir, "engine", "root");
    buildLogScene(dockerHost);
    agentPort = await freePort();
    await startTheAgent();
    database = await useFreshDatabase();
    Object.assign(process.env, { BALLAST_ADMIN_USER: ADMIN.username, BALLAST_ADMIN_PASSWORD: ADMIN.password });
    await ensureInitialAdmin();
    cookie = ((await login(request("/api/auth/login", { method: "POST", body: ADMIN }))).headers.get("set-cookie") ?? "").split(";")[0];
  } catch (error) {
    await stopPrivateDockerd(path.join(dir, "engine"));
    throw error;
  }
});

afterAll(async () => {
  relay?.close();
  await agent?.stop();
  await stopPrivateDockerd(path.join(dir, "engine"));
  await database?.cleanup();
});

describe("agent hosts", () => {
  it("are added with the token and fingerprint the agent printed; the token is never answered back", async () => {
    const relayPort = await startRelay(agentPort);
    const add = (body: unknown) => addHost(request("/api/hosts", { method: "POST", body, headers: { cookie } })).then(remember);
    expect((await add({ name: "no-creds", endpoint: `https://127.0.0.1:${relayPort}` })).body.error.code).toBe("invalid_agent");
    expect(
      (await add({ name: "bad-fp", endpoint: `https://127.0.0.1:${relayPort}`, agent: { token: agent.token, fingerprint: "AB:CD" } })).body.error.code,
    ).toBe("invalid_fingerprint");
    // Pasted in lower case without colons: Ballast accepts and stores the canonical form.
    const fingerprint = agent.fingerprint.replace(/:/g, "").toLowerCase();
    const created = await add({ name: "agent-host", endpoint: `https://127.0.0.1:${relayPort}`, agent: { token: agent.token, fingerprint } });
    expect(created.status).toBe(201);
    expect(created.body.host).toMatchObject({ kind: "agent", agent: { fingerprint: agent.fingerprint }, endpoint: `https://127.0.0.1:${relayPort}` });
    hostId = created.body.host.id;
    const listed = await listHostsRoute(request("/api/hosts", { headers: { cookie } })).then(remember);
    expect(listed.body.hosts.find((host: { id: string }) => host.id === hostId)).toMatchObject({ kind: "agent", agent: { fingerprint: agent.fingerprint } });
    const row = await db().host.findUniqueOrThrow({ where: { id: hostId } });
    expect(row.agentTokenEnc).toMatch(/^v1:/);
    expect(row.agentTokenEnc).not.toContain(agent.token);
    const keyFile = path.join(path.dirname(database.file), "secret.key");
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
  });

  it("polls through the agent: log bytes equal the files on disk, disk as statfs", async () => {
    const polled = await poll();
    expect(polled.status).toBe(200);
    const { body } = await snapshotRoute(
      request(`/api/snapshots/${polled.body.snapshot.id}`, { headers: { cookie } }),
      params({ snapshotId: polled.body.snapshot.id }),
    ).then(remember);
    const ids = dockerCli(dockerHost, ["ps", "-aq", "--no-trunc"]).split("\n");
    const onDisk = ids.reduce((sum, id) => sum + logFilesOnDisk(dataRoot, id).reduce((s, file) => s + file.bytes, 0), 0);
    expect(body.snapshot.totals.logsBytes).toBe(onDisk);
    expect(onDisk).toBeGreaterThan(100_000);
    expect(body.snapshot.disk).toMatchObject({ path: dataRoot });
    expect(body.snapshot.disk.sizeBytes).toBe(fs.statfsSync(dataRoot).blocks * fs.statfsSync(dataRoot).bsize);
    expect(body.snapshot.disks[0].path).toBe(dataRoot);
    expect(body.snapshot.agent.version).toMatch(/^\d+\.\d+\.\d+/);
    const containers = await containersRoute(
      request(`/api/snapshots/${polled.body.snapshot.id}/containers`, { headers: { cookie } }),
      params({ snapshotId: polled.body.snapshot.id }),
    ).then(remember);
    const rotatedId = dockerCli(dockerHost, ["inspect", "-f", "{{.Id}}", LOG_SCENE.rotated]);
    const rotated = containers.body.containers.find((c: { id: string }) => c.id === rotatedId);
    expect(rotated.logBytes).toBe(logFilesOnDisk(dataRoot, rotatedId).reduce((s, file) => s + file.bytes, 0));
  });

  it("fails the poll with tls when the pinned fingerprint is not the agent's", async () => {
    const wrong = "00".repeat(32);
    expect(
      (await changeHost(request(`/api/hosts/${hostId}`, { method: "PATCH", body: { agent: { fingerprint: wrong } }, headers: { cookie } }), params({ hostId })))
        .status,
    ).toBe(200);
    const failed = await poll();
    expect(failed.status).toBe(502);
    expect(failed.body.error.code).toBe("tls");
    await changeHost(
      request(`/api/hosts/${hostId}`, { method: "PATCH", body: { agent: { fingerprint: agent.fingerprint } }, headers: { cookie } }),
      params({ hostId }),
    );
  });

  it("takes a new token with PATCH after the agent rotated it", async () => {
    const next = "a-rotated-token-for-the-agent-0123456789";
    fs.writeFileSync(path.join(agent.stateDir, "token"), `${next}\n`);
    agent.child.kill("SIGHUP");
    await agent.waitFor(/token re-read/);
    expect((await poll()).body.error.code).toBe("auth");
    const changed = await changeHost(
      request(`/api/hosts/${hostId}`, { method: "PATCH", body: { agent: { token: next } }, headers: { cookie } }),
      params({ hostId }),
    ).then(remember);
    expect(changed.status).toBe(200);
    expect((await poll()).status).toBe(200);
    agent.token = next;
    const refused = await changeHost(request(`/api/hosts/${hostId}`, { method: "PATCH", body: { agent: { token: "x".repeat(20) } } }), params({ hostId }));
    expect(refused.status).toBe(401);
  });

  it("marks the host unreachable when the agent dies mid-poll, keeps the last good snapshot, and recovers", async () => {
    const lastGood = (await poll()).body.snapshot.id;
    killAfterBytes = 3_000;
    const failed = await poll();
    expect(failed.status).toBe(502);
    expect(failed.body.error.code).toBe("unreachable");
    const listed = await listHostsRoute(request("/api/hosts", { headers: { cookie } })).then(remember);
    const host = listed.body.hosts.find((h: { id: string }) => h.id === hostId);
    expect(host.status).toBe("unreachable");
    expect(host.lastGoodSnapshot.id).toBe(lastGood);
    await startTheAgent();
    const again = await poll();
    expect(again.status).toBe(200);
    expect(again.body.snapshot.totals.logsBytes).toBeGreaterThan(100_000);
  });

  it("runs an approved cleanup through the agent", async () => {
    const { body } = await jsonOf(await listSuggestions(request(`/api/suggestions?hostId=${hostId}`, { headers: { cookie } })));
    const stopped = body.suggestions.find((s: { strategy: string }) => s.strategy === "stopped_containers");
    expect(stopped.targets.map((t: { name: string }) => t.name).sort()).toEqual([LOG_SCENE.local, LOG_SCENE.rotated, LOG_SCENE.unrotated].sort());
    const rotation = body.suggestions.find((s: { strategy: string }) => s.strategy === "log_rotation");
    expect(rotation.targets.map((t: { name: string }) => t.name)).toEqual([LOG_SCENE.unrotated]);
    const approved = await jsonOf(
      await approveRoute(request(`/api/suggestions/${stopped.id}/approve`, { method: "POST", headers: { cookie } }), params({ suggestionId: stopped.id })),
    );
    expect(approved.body.run.status).toBe("done");
    expect(dockerCli(dockerHost, ["ps", "-aq"])).toBe("");
  });

  it("never puts the token in an API answer, a CSV or a log line", async () => {
    const from = new Date(Date.now() - 86_400_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const csv = await (await costCsv(request(`/api/reports/cost.csv?from=${from}&to=${to}&groupBy=category`, { headers: { cookie } }))).text();
    seenAnswers.push(csv);
    // The Logs category has its own row in the report and its CSV.
    expect(csv).toMatch(/\nlogs?,|,logs,/);
    for (const token of [agent.token, fs.readFileSync(path.join(dir, "state", "token"), "utf8").trim()]) {
      for (const answer of seenAnswers) expect(answer).not.toContain(token);
      for (const line of printed) expect(line).not.toContain(token);
    }
  });
});
