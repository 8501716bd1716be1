import { execFileSync } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectSnapshot } from "@/lib/collect/collectSnapshot";
import { createEngineClient, EngineHttpError } from "@/lib/collect/engine";
import { parseEndpoint } from "@/lib/collect/endpoint";
import { PollFailure } from "@/lib/collect/pollFailure";
import { agentDiskSchema, agentLogsSchema, type Filesystem, type StoreUsage } from "@/lib/agent/protocol";
// @ts-expect-error plain ESM scripts shared with the browser tests
import { startPrivateDockerd, stopPrivateDockerd } from "../../../scripts/test-env/privateDockerd.mjs";
import { startAgent, type RunningAgent } from "../../support/agentProcess";
import { dockerCli } from "../../support/engineCli";
import { buildLogScene, LOG_SCENE, logFilesOnDisk } from "../../support/logScene";
import { inject } from "vitest";

// The agent in front of its own private dockerd, with containers that wrote logs. Every figure is
// compared with the files and the filesystem read directly, not with the agent's own code.

let dir: string;
let dockerHost: string;
let dataRoot: string;
let agent: RunningAgent;

/** Raw HTTPS to the agent (certificate not checked here: the pinning is tested through Ballast's client). */
function raw(method: string, target: string, headers: Record<string, string> = {}, body?: Buffer): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = https.request({ host: "127.0.0.1", port: agent.port, method, path: target, headers, rejectUnauthorized: false, agent: false }, (res) => {
      let text = "";
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text.startsWith("{") || text.startsWith("[") ? JSON.parse(text) : text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}
const authed = (token = agent.token) => ({ Authorization: `Bearer ${token}` });
const client = (over: Partial<{ token: string; fingerprint: string }> = {}) =>
  createEngineClient(parseEndpoint(agent.endpoint, null, { token: agent.token, fingerprint: agent.fingerprint, ...over }), {
    timeoutMs: 30_000,
    maxResponseBytes: 64 << 20,
  });
const idOf = (name: string) => dockerCli(dockerHost, ["inspect", "-f", "{{.Id}}", name]);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(inject("testRoot"), "agent-"));
  try {
    dockerHost = (await startPrivateDockerd(path.join(dir, "engine"))).dockerHost;
    dataRoot = path.join(dir, "engine", "root");
    buildLogScene(dockerHost);
    agent = await startAgent({ dockerHost, stateDir: path.join(dir, "state") });
  } catch (error) {
    await stopPrivateDockerd(path.join(dir, "engine"));
    throw error;
  }
});

afterAll(async () => {
  await agent?.stop();
  await stopPrivateDockerd(path.join(dir, "engine"));
});

describe("the Ballast agent", () => {
  it("creates its certificate and token 0600 and prints the fingerprint openssl shows", () => {
    for (const file of ["agent-cert.pem", "agent-key.pem", "token"]) expect(fs.statSync(path.join(agent.stateDir, file)).mode & 0o777).toBe(0o600);
    const openssl = execFileSync("openssl", ["x509", "-in", path.join(agent.stateDir, "agent-cert.pem"), "-noout", "-fingerprint", "-sha256"], {
      encoding: "utf8",
    });
    expect(openssl.trim()).toBe(`sha256 Fingerprint=${agent.fingerprint}`);
    expect(agent.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("measures each container's log bytes as the files on disk: rotated, compressed, unrotated and local", async () => {
    const logs = agentLogsSchema.parse(await client().agent!.get("/logs"));
    for (const name of [LOG_SCENE.rotated, LOG_SCENE.unrotated, LOG_SCENE.local]) {
      const id = idOf(name);
      const measured = logs.containers.find((container) => container.id === id)!;
      const files = logFilesOnDisk(dataRoot, id);
      expect(measured.bytes, name).toBe(files.reduce((sum, file) => sum + file.bytes, 0));
      expect(measured.files.map((file) => path.relative(path.join(dataRoot, "containers", id), file.path)).sort()).toEqual(
        files.map((file) => file.name).sort(),
      );
      expect(measured.bytes).toBeGreaterThan(0);
    }
    const rotated = logFilesOnDisk(dataRoot, idOf(LOG_SCENE.rotated)).map((file) => file.name);
    expect(rotated.length).toBe(3);
    expect(rotated.some((name) => name.endsWith(".gz"))).toBe(true);
    expect(logFilesOnDisk(dataRoot, idOf(LOG_SCENE.unrotated))).toHaveLength(1);
    expect(logs.containers.find((container) => container.id === idOf(LOG_SCENE.local))!.driver).toBe("local");
  });

  it("reports the data root's filesystem as df -B1 does, and the stores' bytes as du -sxB1", async () => {
    const disk = agentDiskSchema.parse(await client().agent!.get("/disk")) as { disk: Filesystem; disks: Filesystem[]; stores: StoreUsage[] };
    const [size, used, avail, ifree] = execFileSync("df", ["-B1", "--output=size,used,avail,iavail", dataRoot], { encoding: "utf8" })
      .trim()
      .split("\n")[1]
      .trim()
      .split(/\s+/)
      .map(Number);
    expect(disk.disk.path).toBe(dataRoot);
    expect(disk.disk.sizeBytes).toBe(size);
    // The machine's disk is shared with other work: free and used move by a few blocks between the reads.
    expect(Math.abs(disk.disk.usedBytes - used)).toBeLessThan(64 << 20);
    expect(Math.abs(disk.disk.freeBytes - avail)).toBeLessThan(64 << 20);
    expect(Math.abs(disk.disk.freeInodes - ifree)).toBeLessThan(5_000);
    expect(disk.disks[0]).toEqual(disk.disk);
    for (const store of disk.stores) {
      const du = Number(execFileSync("du", ["-sxB1", store.path], { encoding: "utf8" }).split("\t")[0]);
      expect(store.bytes, store.name).toBe(du);
    }
    expect(disk.stores.map((store) => store.name)).toContain("containerd");
  });

  it("lets the unchanged collector read the engine through it, and adds log bytes and disk", async () => {
    const direct = await collectSnapshot(createEngineClient(parseEndpoint(dockerHost)));
    const viaAgent = await collectSnapshot(client());
    expect(viaAgent.layersSizeBytes).toBe(direct.layersSizeBytes);
    expect(viaAgent.images.map((image) => image.id).sort()).toEqual(direct.images.map((image) => image.id).sort());
    expect(viaAgent.containers.map((c) => c.id).sort()).toEqual(direct.containers.map((c) => c.id).sort());
    expect(direct.containers.every((c) => c.logBytes === null)).toBe(true);
    for (const container of viaAgent.containers) {
      expect(container.logBytes).toBe(logFilesOnDisk(dataRoot, container.id).reduce((sum, file) => sum + file.bytes, 0));
    }
    expect(viaAgent.agent?.protocol).toBe(1);
    expect(viaAgent.disk?.path).toBe(dataRoot);
  });

  it("refuses requests without the token or with a wrong one (401), and logs them without the token", async () => {
    expect((await raw("GET", "/version")).status).toBe(401);
    expect((await raw("GET", "/version", { Authorization: "Bearer not-the-token-at-all" })).status).toBe(401);
    expect((await raw("GET", "/version", { Authorization: `Basic ${agent.token}` })).status).toBe(401);
    expect((await raw("GET", "/version", authed())).status).toBe(200);
    const error = await collectSnapshot(client({ token: "wrong-token-0123456789" })).catch((e) => e);
    expect(error).toBeInstanceOf(PollFailure);
    expect((error as PollFailure).code).toBe("auth");
    await agent.waitFor(/refused 401 GET \/ballast\/v1\/info/);
    expect(agent.output()).toMatch(/refused 401 GET \/version from 127\.0\.0\.1: no bearer token/);
    expect(agent.output()).toMatch(/refused 401 GET \/ballast\/v1\/info from 127\.0\.0\.1: wrong token/);
    // The token is printed once, when it was created; no other line carries it or a wrong one.
    expect(agent.output().split(agent.token)).toHaveLength(2);
    expect(agent.output()).toMatch(new RegExp(`^token ${agent.token} \\(written to .*shown only this once\\)$`, "m"));
    expect(agent.output()).not.toContain("wrong-token-0123456789");
  });

  it("refuses paths and query parameters outside the allow-list (403 not_allowed) and deletions without --allow-actions", async () => {
    const refused = [
      ["POST", "/containers/create"],
      ["POST", "/v1.41/containers/abc/exec"],
      ["GET", `/containers/${idOf(LOG_SCENE.rotated)}/logs?stdout=1`],
      ["GET", "/images/json?all=1&filters=%7B%7D"],
      ["DELETE", `/containers/${idOf(LOG_SCENE.rotated)}?force=true`],
      ["DELETE", `/containers/${idOf(LOG_SCENE.rotated)}?v=true`],
      ["DELETE", `/images/${LOG_SCENE.image}?force=true`],
      ["POST", "/build/prune?all=true"],
      ["POST", "/images/prune"],
      ["GET", "/../version"],
      ["GET", "/v1.41/containers/json?all=1&all=0"],
      ["GET", "/ballast/v1/secrets"],
    ] as const;
    for (const [method, target] of refused) {
      const answer = await raw(method, target, authed());
      expect(answer.status, `${method} ${target}`).toBe(403);
      expect(answer.body.code, `${method} ${target}`).toBe("not_allowed");
    }
    const deletion = await raw("DELETE", `/containers/${idOf(LOG_SCENE.rotated)}`, authed());
    expect(deletion).toMatchObject({ status: 403, body: { code: "actions_disabled" } });
    // Through Ballast's client the refusal is an engine-style error that names the reason.
    const error = await client()
      .request("DELETE", `/containers/${idOf(LOG_SCENE.rotated)}`)
      .catch((e) => e);
    expect(error).toBeInstanceOf(EngineHttpError);
    expect((error as EngineHttpError).message).toMatch(/--allow-actions/);
    expect(dockerCli(dockerHost, ["ps", "-aq"]).split("\n")).toHaveLength(3);
    await agent.waitFor(/refused 403 not_allowed POST \/containers\/create/);
    expect(agent.output()).toMatch(/refused 403 not_allowed POST \/containers\/create from 127\.0\.0\.1/);
    // Versioned paths, as the negotiating collector sends them, pass.
    expect((await raw("GET", "/v1.41/containers/json?all=true", authed())).status).toBe(200);
  });

  it("caps request bodies", async () => {
    const body = Buffer.alloc(200 * 1024, 1);
    const answer = await raw("POST", "/version", { ...authed(), "Content-Type": "application/json", "Content-Length": String(body.length) }, body);
    expect(answer.status).toBe(413);
    await agent.waitFor(/refused 413 POST \/version/);
  });

  it("fails the poll with tls when the certificate is not the pinned one, before sending the token", async () => {
    const before = agent.output().length;
    const other = "AB:".repeat(31) + "AB";
    const error = await collectSnapshot(client({ fingerprint: other })).catch((e) => e);
    expect(error).toBeInstanceOf(PollFailure);
    expect((error as PollFailure).code).toBe("tls");
    expect((error as PollFailure).message).toContain(agent.fingerprint);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(agent.output().slice(before)).not.toMatch(/refused/);
  });

  it("picks up a new token file on SIGHUP", async () => {
    const next = "rotated-token-value-0123456789abcdef";
    fs.writeFileSync(path.join(agent.stateDir, "token"), `${next}\n`, { mode: 0o600 });
    agent.child.kill("SIGHUP");
    const deadline = Date.now() + 5_000;
    while (!agent.output().includes("token re-read") && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await raw("GET", "/_ping", authed(next))).status).toBe(200);
    expect((await raw("GET", "/_ping", authed())).status).toBe(401);
    fs.writeFileSync(path.join(agent.stateDir, "token"), `${agent.token}\n`, { mode: 0o600 });
    agent.child.kill("SIGHUP");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(agent.output()).not.toContain(next);
  });
  it("rate-limits failed authentication but never a request with the right token", async () => {
    const answers = [];
    for (let i = 0; i < 14; i += 1) answers.push((await raw("GET", "/info", { Authorization: "Bearer guess" })).status);
    expect(answers.slice(-2)).toEqual([429, 429]);
    expect((await raw("GET", "/info", authed())).status).toBe(200);
  });
});
