import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain ESM script shared with the browser tests
import { startPrivateDockerd, stopPrivateDockerd } from "@/scripts/test-env/privateDockerd.mjs";
import { freePort } from "../../support/freePort";

// The real server, started as a user starts it (`npm start` = scripts/start.mjs, which builds the
// dashboard when it is not built; the browser tests reuse that build). Only this proves what lives
// across Next.js bundles: the poller (instrumentation) and "Poll now" (a route handler) share one
// /system/df lock and one poll in flight; and a server killed with kill -9 mid-approval makes
// `npm start` exit non-zero, and the restarted server reconciles the run (issue 8).

const DOCKER = fs.existsSync("/usr/bin/docker") ? "/usr/bin/docker" : "docker";
const ADMIN = { username: "server-admin", password: "server admin password" };

async function until<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs: number, what: string, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

describe("the real server", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ballast-server-"));
  const dockerdDir = path.join(root, "dockerd");
  const databaseFile = path.join(root, "ballast.db");
  let dockerHost = "";
  let port = 0;
  let server: ChildProcess | null = null;
  let cookie = "";
  const base = () => `http://127.0.0.1:${port}`;
  const docker = (args: string[]) =>
    execFileSync(DOCKER, args, {
      env: { ...process.env, DOCKER_HOST: dockerHost, DOCKER_BUILDKIT: "0" },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    }).trim();
  const dfCalls = () => (fs.readFileSync(path.join(dockerdDir, "dockerd.log"), "utf8").match(/Calling GET \/v[\d.]+\/system\/df/g) ?? []).length;
  // node:http without keep-alive: a reused idle socket the server has just closed fails fetch ("other side closed").
  const api = (method: string, url: string, body?: unknown) =>
    new Promise<{ status: number; body: any; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = http.request(
        `${base()}${url}`,
        { method, agent: false, headers: { ...(cookie ? { cookie } : {}), ...(payload ? { "content-type": "application/json" } : {}) } },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk) => (text += chunk));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null, headers: res.headers }));
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(payload);
    });

  /** A GET's status, headers and bytes as sent (no decoding), with exactly `headers`. */
  const rawGet = (url: string, headers: Record<string, string>) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; bytes: Buffer }>((resolve, reject) =>
      http.get(`${base()}${url}`, { agent: false, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }));
        res.on("error", reject);
      }),
    );

  async function startServer(): Promise<ChildProcess> {
    const child = spawn(process.execPath, [path.resolve("scripts/start.mjs")], {
      env: {
        ...process.env,
        PORT: String(port),
        DATABASE_URL: `file:${databaseFile}`,
        DOCKER_HOST: dockerHost,
        BALLAST_ADMIN_USER: ADMIN.username,
        BALLAST_ADMIN_PASSWORD: ADMIN.password,
        BALLAST_UNUSED_IMAGE_DAYS: "0",
        BALLAST_POLL_INTERVAL: "10",
        // Every background poll reads the whole /system/df (by default an unchanged host's does not):
        // the Poll now test below races one.
        BALLAST_PART_MAX_AGE_SEC: "0",
      },
      stdio: ["ignore", fs.openSync(path.join(root, "server.log"), "a"), fs.openSync(path.join(root, "server.log"), "a")],
    });
    cookie = "";
    await until(async () => (await api("GET", "/api/health")).status === 200, 280_000, "the server to answer", 500);
    const login = await api("POST", "/api/auth/login", ADMIN);
    cookie = String(login.headers["set-cookie"] ?? "").split(";")[0];
    return child;
  }

  beforeAll(async () => {
    port = await freePort();
    // --debug: dockerd logs every API call, so the test can count /system/df calls.
    dockerHost = (await startPrivateDockerd(dockerdDir, { extraArgs: ["--debug"] })).dockerHost;
    const context = path.join(root, "context");
    fs.mkdirSync(context);
    fs.copyFileSync("/bin/busybox", path.join(context, "busybox"));
    fs.writeFileSync(
      path.join(context, "Dockerfile"),
      `FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox","--install","-s","/bin"]\nENV PATH=/bin\n`,
    );
    docker(["build", "-q", "-t", "t/base:1", context]);
    // A volume of many small files makes /system/df slow (it walks every volume): a wide window for a race.
    docker(["run", "--rm", "--network", "none", "-v", "many:/d", "t/base:1", "sh", "-c", "cd /d && seq 1 60000 | xargs touch"]);
    server = await startServer();
  });
  afterAll(async () => {
    server?.kill("SIGTERM");
    if (server && server.exitCode === null) await new Promise((resolve) => server!.once("exit", resolve));
    await stopPrivateDockerd(dockerdDir);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("answers a Poll now made during a background poll from that poll: one /system/df", async () => {
    const hostId = await until(
      async () => (await api("GET", "/api/hosts")).body.hosts.find((h: { name: string }) => h.name === "local")?.id as string,
      60_000,
      "host local",
    );
    // Wait for the scheduler's next poll to call /system/df, then press "Poll now".
    const before = dfCalls();
    await until(async () => dfCalls() > before, 40_000, "a background poll", 5);
    const pressed = await api("POST", `/api/hosts/${hostId}/poll`);
    expect(pressed.status).toBe(200);
    expect(dfCalls()).toBe(before + 1);
    const hosts = (await api("GET", "/api/hosts")).body.hosts;
    expect(hosts.find((h: { id: string }) => h.id === hostId).lastSnapshot.id).toBe(pressed.body.snapshot.id);
  });

  it("sends a snapshot view's cached gzip once encoded, not gzipped twice, and 304 on its ETag", async () => {
    const hosts = (await api("GET", "/api/hosts")).body.hosts;
    const snapshotId = hosts.find((h: { name: string }) => h.name === "local").lastSnapshot.id;
    const raw = (headers: Record<string, string>) => rawGet(`/api/snapshots/${snapshotId}/images`, { cookie, ...headers });
    for (let i = 0; i < 2; i += 1) {
      // The first answer builds the cached body; the second is sent from it.
      const zipped = await raw({ "accept-encoding": "gzip" });
      expect([zipped.status, zipped.headers["content-encoding"], zipped.headers["x-ballast-content-encoding"]]).toEqual([200, "gzip", undefined]);
      expect(JSON.parse(gunzipSync(zipped.bytes).toString()).images.length).toBeGreaterThan(0);
      const plain = await raw({});
      expect(plain.headers["content-encoding"]).toBeUndefined();
      expect(JSON.parse(plain.bytes.toString())).toEqual(JSON.parse(gunzipSync(zipped.bytes).toString()));
      expect((await raw({ "if-none-match": String(zipped.headers.etag) })).status).toBe(304);
    }
  });

  it("answers health and the cached snapshot views without Next's router, exactly as Next answers them", async () => {
    // Every route was loaded before the server listened (scripts/server/warmUp.mjs).
    expect(fs.readFileSync(path.join(root, "server.log"), "utf8")).toMatch(/loaded (\d+) of \1 routes/);
    const hosts = (await api("GET", "/api/hosts")).body.hosts;
    const snapshotId = hosts.find((h: { name: string }) => h.name === "local").lastSnapshot.id;
    const imageId = (await api("GET", `/api/snapshots/${snapshotId}/images`)).body.images[0].id.replace("sha256:", "");
    const views = ["images", "layers", "treemap", "treemap?focus=host", "reclaimable", "duplicates", "containers", "build-cache", "sharing?topN=3"];
    const urls = [
      "/api/health",
      ...views.map((view) => `/api/snapshots/${snapshotId}/${view}`),
      `/api/snapshots/${snapshotId}/images/${imageId}`,
      `/api/snapshots/${snapshotId}/treemap?focus=..%2Fx`, // 400
      `/api/snapshots/${snapshotId}/sharing?topN=0`, // 400
      `/api/snapshots/${snapshotId}/images/${"0".repeat(64)}`, // 404
      "/api/snapshots/no-such-snapshot/images", // 404
    ];
    const decoded = (answer: { headers: http.IncomingHttpHeaders; bytes: Buffer }) =>
      answer.headers["content-encoding"] === "gzip" ? gunzipSync(answer.bytes).toString() : answer.bytes.toString();
    const statuses = new Set<number>();
    for (const url of urls)
      for (const headers of [{ cookie, "accept-encoding": "gzip" }, { cookie }, {}] as Record<string, string>[]) {
        const direct = await rawGet(url, headers);
        const viaNext = await rawGet(url, { ...headers, "x-ballast-via-next": "1" });
        expect([url, direct.headers["x-ballast-answered-by"], viaNext.headers["x-ballast-answered-by"]]).toEqual([url, "direct", undefined]);
        expect([url, direct.status]).toEqual([url, viaNext.status]);
        expect(decoded(direct)).toBe(decoded(viaNext));
        for (const name of ["content-type", "etag", "cache-control", "set-cookie"])
          expect([url, name, direct.headers[name]]).toEqual([url, name, viaNext.headers[name]]);
        // A view's body goes as the route encoded it, by either path; Next also gzips the small JSON of health and errors.
        if (direct.headers.etag) expect([url, direct.headers["content-encoding"]]).toEqual([url, viaNext.headers["content-encoding"]]);
        else expect(direct.headers["content-encoding"]).toBeUndefined();
        if (direct.headers.etag) expect((await rawGet(url, { ...headers, "if-none-match": String(direct.headers.etag) })).status).toBe(304);
        statuses.add(direct.status);
      }
    expect([...statuses].sort()).toEqual([200, 400, 401, 404]);
    // A segment that needs decoding, a HEAD, a POST: Next.js answers, as before.
    const escaped = await rawGet(`/api/snapshots/${snapshotId}/images/sha256%3A${imageId}`, { cookie });
    expect([escaped.status, escaped.headers["x-ballast-answered-by"]]).toEqual([200, undefined]);
    expect((await api("POST", "/api/health")).status).toBe(405);
    // The warm-up nonce is the process's own and is forgotten once the server listens: a guess is an ordinary request.
    expect((await rawGet(`/api/snapshots/${snapshotId}/images`, { "x-ballast-warm-up": "0".repeat(32) })).status).toBe(401);
  });

  it("kill -9 mid-approval: npm start exits non-zero; restarted, the server reconciles the run against the host", async () => {
    const dir = fs.mkdtempSync(path.join(root, "import-"));
    for (let n = 0; n < 30; n += 1) {
      fs.writeFileSync(path.join(dir, "f"), `image ${n}`);
      execFileSync("tar", ["-C", dir, "-cf", path.join(root, "i.tar"), "f"]);
      docker(["import", path.join(root, "i.tar"), `t/crash:${n}`]);
    }
    const hostId = (await api("GET", "/api/hosts")).body.hosts.find((h: { name: string }) => h.name === "local").id;
    expect((await api("POST", `/api/hosts/${hostId}/poll`)).status).toBe(200);
    const suggestion = (await api("GET", `/api/suggestions?hostId=${hostId}`)).body.suggestions.find(
      (s: { strategy: string }) => s.strategy === "unused_images",
    );
    expect(suggestion.targets.length).toBeGreaterThanOrEqual(30);

    const approval = api("POST", `/api/suggestions/${suggestion.id}/approve`).catch((error: unknown) => error);
    const database = new Database(databaseFile, { readonly: true });
    const removed = () =>
      (
        database
          .prepare(`SELECT COUNT(*) AS n FROM "ActionResult" r JOIN "ActionRun" a ON a.id = r.runId WHERE a.suggestionId = ? AND r.outcome = 'removed'`)
          .get(suggestion.id) as { n: number }
      ).n;
    await until(async () => removed() >= 3, 60_000, "the first removals", 10);
    // The Next.js server is start.mjs's child; kill -9 it, as the OOM killer or an operator would.
    const nextPid = Number(
      execFileSync("pgrep", ["-P", String(server!.pid)], { encoding: "utf8" })
        .trim()
        .split("\n")[0],
    );
    process.kill(nextPid, "SIGKILL");
    const code = await new Promise<number | null>((resolve) => server!.once("exit", (exitCode) => resolve(exitCode)));
    expect(code).toBe(137);
    expect(await approval).toBeInstanceOf(Error);
    expect((database.prepare("PRAGMA integrity_check").get() as { integrity_check: string }).integrity_check).toBe("ok");
    const runRow = database.prepare(`SELECT id, status FROM "ActionRun" WHERE suggestionId = ?`).get(suggestion.id) as { id: string; status: string };
    expect(runRow.status).toBe("running");
    database.close();

    // The supervisor (systemd Restart=on-failure) starts it again; start-up reconciles the run.
    server = await startServer();
    const entries = await until(
      async () => {
        const { body } = await api("GET", "/api/audit");
        const mine = body.entries.filter((e: { runId: string }) => e.runId === runRow.id);
        return mine.some((e: { action: string }) => e.action === "run_reconciled") ? mine : null;
      },
      60_000,
      "the run to be reconciled",
      500,
    );
    expect(entries.map((e: { action: string }) => e.action).sort()).toEqual(["run_interrupted", "run_reconciled", "run_started"]);
    const reconciled = entries.find((e: { action: string }) => e.action === "run_reconciled").details.results as { targetId: string; outcome: string }[];
    const present = new Set(docker(["images", "-a", "-q", "--no-trunc"]).split("\n"));
    expect(reconciled).toHaveLength(suggestion.targets.length);
    for (const result of reconciled) {
      expect(["removed", "not_run", "untagged"]).toContain(result.outcome);
      expect(present.has(result.targetId)).toBe(result.outcome !== "removed");
    }
    expect(reconciled.filter((r) => r.outcome === "removed").length).toBeGreaterThanOrEqual(3);
  });
});
