// The real server (scripts/start.mjs, as a user starts it) over the bench database: API latency at
// 1,249 images sequential and with 10 clients, cost report + CSV over the SYNTHETIC 20-host month and
// over one real host's 21 / 240 snapshots, /api/health latency and the server's event-loop delay
// (loopProbe.mjs inside the server) while those run and polls happen, the server's RSS, and the host
// page's treemap drawn in Chromium.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { Worker } from "node:worker_threads";
import { mb, ms, quantile, row } from "./benchTable.mts";

const root = path.resolve(import.meta.dirname, "../..");
const ADMIN = { username: "bench-admin", password: "bench-admin-password-1" };

export type ServerLoadInput = {
  dir: string;
  dbFile: string;
  port: number;
  /** The real 1,249-image host (polled every 10 s while the server runs). */
  bigHostId: string;
  bigHostLabel: string;
  /** The synthetic fleet's month. */
  fleet: { hosts: number; from: Date; to: Date };
  /** One real host's history at another time: the first 21 and all 240 snapshots. */
  oneHost: { from: Date; to21: Date; to240: Date };
};

/** What the server and the host-view rows need (the views section has no fleet or history). */
export type ServerTarget = Pick<ServerLoadInput, "dir" | "dbFile" | "port" | "bigHostId" | "bigHostLabel">;

type Server = { child: ChildProcess; base: string; cookie: string; probeFile: string; stop: () => Promise<void> };

export async function startServer(input: ServerTarget): Promise<Server> {
  const probeFile = path.join(input.dir, "probe.json");
  const child = spawn(process.execPath, [path.join(root, "scripts/start.mjs")], {
    cwd: root,
    stdio: ["ignore", fs.openSync(path.join(input.dir, "server.log"), "a"), fs.openSync(path.join(input.dir, "server.log"), "a")],
    env: {
      ...process.env,
      DATABASE_URL: `file:${input.dbFile}`,
      PORT: String(input.port),
      BALLAST_ADMIN_USER: ADMIN.username,
      BALLAST_ADMIN_PASSWORD: ADMIN.password,
      // Never the system engine: "local" must not be found.
      DOCKER_HOST: `unix://${path.join(input.dir, "no-local-engine.sock")}`,
      BALLAST_BENCH_PROBE: probeFile,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import ${path.join(import.meta.dirname, "loopProbe.mjs")}`.trim(),
    },
  });
  const base = `http://127.0.0.1:${input.port}`;
  // The first start builds the dashboard (next build): minutes on 2 shared cores.
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}: see ${path.join(input.dir, "server.log")}`);
    if (Date.now() > deadline) throw new Error("server did not answer /api/health in 15 min");
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await sleep(500);
  }
  const login = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify(ADMIN),
  });
  if (!login.ok) throw new Error(`login: ${login.status}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const stop = async () => {
    child.kill("SIGTERM");
    await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once("exit", resolve)));
  };
  return { child, base, cookie, probeFile, stop };
}

type HeapFigures = { heapUsed: number; heapCommitted: number };
type ThreadFigures = { threadId: number; script: string; live: boolean; now: HeapFigures; peak: HeapFigures };
type Probe = {
  seq: number;
  pid: number;
  loopMaxMs: number;
  loopP99Ms: number;
  heapPeakBytes: number;
  /** CPU the request loop's thread used since the last read (not inflated by other processes' load). */
  mainCpuMs: number;
  rssBytes: number;
  rssPeakBytes: number;
  rssAnonBytes: number;
  rssFileBytes: number;
  main: HeapFigures;
  workers: ThreadFigures[];
};

/** npm start's own process (scripts/start.mjs, which waits on the server): its peak RSS and its PSS now (what it alone costs). */
function supervisorMemory(server: Server): { rssPeakBytes: number; pssBytes: number } {
  try {
    const status = fs.readFileSync(`/proc/${server.child.pid}/status`, "utf8");
    const rollup = fs.readFileSync(`/proc/${server.child.pid}/smaps_rollup`, "utf8");
    const kb = (field: string, text: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(text)?.[1] ?? 0) * 1024;
    return { rssPeakBytes: kb("VmHWM", status), pssBytes: kb("Pss", rollup) };
  } catch {
    return { rssPeakBytes: 0, pssBytes: 0 };
  }
}

/**
 * The server's RSS peak so far against issue 14's target, as one row. The server process's VmHWM: every
 * thread's memory (the request loop's heap, each worker's heap, Prisma's wasm memories, SQLite's caches,
 * malloc), file-backed pages (the node binary) included. The heaps' peaks and `npm start`'s own process
 * (it only waits on the server; mostly the node binary's pages, shared with the server) are said beside it.
 */
export async function rssPeakRow(server: Server, section: string, label: string): Promise<void> {
  const probe = await readProbe(server);
  const supervisor = supervisorMemory(server);
  const workerName = (script: string) => (/storeWorker/.test(script) ? "store" : /readWorker/.test(script) ? "read" : path.basename(script));
  const heaps = [
    `request loop ${mb(probe.main.heapCommitted)}`,
    ...probe.workers.map((w) => `${workerName(w.script)} worker ${mb(w.peak.heapCommitted)}`),
  ].join(", ");
  row({
    section,
    label,
    value: `${mb(probe.rssPeakBytes)} (V8 heaps at their peaks: ${heaps}; npm start's own process: ${mb(supervisor.pssBytes)} PSS)`,
    numbers: {
      rssPeakBytes: probe.rssPeakBytes,
      rssBytes: probe.rssBytes,
      rssAnonBytes: probe.rssAnonBytes,
      rssFileBytes: probe.rssFileBytes,
      mainHeapCommittedBytes: probe.main.heapCommitted,
      ...Object.fromEntries(probe.workers.map((w) => [`${workerName(w.script)}Worker${w.threadId}HeapPeakBytes`, w.peak.heapCommitted])),
      supervisorRssPeakBytes: supervisor.rssPeakBytes,
      supervisorPssBytes: supervisor.pssBytes,
    },
    target: "< 400 MB",
    met: probe.rssPeakBytes < 400e6,
  });
}

export async function readProbe(server: Server): Promise<Probe> {
  const before = JSON.parse(fs.readFileSync(server.probeFile, "utf8")) as Probe;
  process.kill(before.pid, "SIGUSR2");
  for (let i = 0; i < 400; i += 1) {
    await sleep(25);
    const now = JSON.parse(fs.readFileSync(server.probeFile, "utf8")) as Probe;
    if (now.seq > before.seq) return now;
  }
  throw new Error("the server's probe did not answer");
}

// Keep-alive sockets, as a browser's; enough for 10 clients and a report's JSON and CSV at once.
const clientAgent = new http.Agent({ keepAlive: true, maxSockets: 32 });

/**
 * GET with the session, taking gzip as a browser does; resolves to the ms it took (the whole body read).
 * The bytes are read as sent, not inflated: a browser inflates on its own machine, while here the 10
 * clients share the server's 2 cores (fetch inflating 0.3 MB answers took CPU from the server measured).
 */
function timedGet(server: Server, url: string): Promise<number> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.get(`${server.base}${url}`, { agent: clientAgent, headers: { cookie: server.cookie, "accept-encoding": "gzip" } }, (response) => {
      response.on("data", () => undefined);
      response.on("error", reject);
      response.on("end", () =>
        (response.statusCode ?? 0) < 400 ? resolve(performance.now() - start) : reject(new Error(`GET ${url}: ${response.statusCode}`)),
      );
    });
    request.setTimeout(180_000, () => request.destroy(new Error(`GET ${url}: no answer in 180 s`)));
    request.on("error", reject);
  });
}

/** /api/health every 20 ms until stopped, from a thread of its own (healthPinger.mjs says why), once it is ready: its latencies. */
async function healthPinger(server: Server) {
  const worker = new Worker(path.join(import.meta.dirname, "healthPinger.mjs"), { workerData: { url: `${server.base}/api/health`, cookie: server.cookie } });
  // `once` rejects if the thread fails instead.
  const [ready] = await once(worker, "message");
  if (ready !== "ready") throw new Error("the health pinger did not start");
  return {
    stop: async () => {
      worker.postMessage("stop");
      const [times] = await once(worker, "message");
      return times as number[];
    },
  };
}

/** Runs `work` with /api/health pinged and the server probed: the health p99 and the loop's worst block. */
export async function underWatch(server: Server, label: string, work: () => Promise<void>) {
  await readProbe(server);
  const pinger = await healthPinger(server);
  await work();
  const health = await pinger.stop();
  const probe = await readProbe(server);
  const p99 = quantile(health, 0.99);
  row({
    section: "server",
    label: `/api/health while ${label}: p50 / p99 / max (${health.length} pings)`,
    value: `${ms(quantile(health, 0.5))} / ${ms(p99)} / ${ms(Math.max(...health))}`,
    numbers: { p50Ms: quantile(health, 0.5), p99Ms: p99, maxMs: Math.max(...health) },
    target: "p99 < 50 ms",
    met: p99 < 50,
  });
  row({
    section: "server",
    label: `event loop while ${label}: longest block / p99 delay`,
    value: `${ms(probe.loopMaxMs)} / ${ms(probe.loopP99Ms)}`,
    numbers: { loopMaxMs: probe.loopMaxMs, loopP99Ms: probe.loopP99Ms, heapPeakBytes: probe.heapPeakBytes },
    target: "never blocked > 100 ms",
    met: probe.loopMaxMs <= 100,
  });
  row({ section: "server", label: `request loop's CPU while ${label}`, value: ms(probe.mainCpuMs), numbers: { mainCpuMs: probe.mainCpuMs } });
  return probe;
}

export async function explorerRoutes(server: Server, input: ServerTarget) {
  // The poller polls the host once at start (its next poll is 5 min later): read the snapshot it made.
  await fetch(`${server.base}/api/hosts/${input.bigHostId}/poll`, { method: "POST", headers: { cookie: server.cookie, origin: server.base } }).then((r) =>
    r.arrayBuffer(),
  );
  const hosts = (await (await fetch(`${server.base}/api/hosts`, { headers: { cookie: server.cookie } })).json()) as {
    hosts: { id: string; lastSnapshot: { id: string } | null }[];
  };
  const snapshotId = hosts.hosts.find((h) => h.id === input.bigHostId)?.lastSnapshot?.id;
  if (!snapshotId) throw new Error("the 1,249-image host has no snapshot");
  const routes = ["images", "treemap", "layers"];
  for (const route of routes) await timedGet(server, `/api/snapshots/${snapshotId}/${route}`);
  for (const route of routes) {
    const sequential: number[] = [];
    for (let i = 0; i < 20; i += 1) sequential.push(await timedGet(server, `/api/snapshots/${snapshotId}/${route}`));
    const concurrent: number[] = [];
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        for (let i = 0; i < 10; i += 1) concurrent.push(await timedGet(server, `/api/snapshots/${snapshotId}/${route}`));
      }),
    );
    const p95 = quantile(concurrent, 0.95);
    row({
      section: "api",
      label: `${input.bigHostLabel}: /${route} p50 / p95 sequential; p50 / p95 with 10 clients`,
      value: `${ms(quantile(sequential, 0.5))} / ${ms(quantile(sequential, 0.95))}; ${ms(quantile(concurrent, 0.5))} / ${ms(p95)}`,
      numbers: { seqP50Ms: quantile(sequential, 0.5), seqP95Ms: quantile(sequential, 0.95), c10P50Ms: quantile(concurrent, 0.5), c10P95Ms: p95 },
      target: "p95 < 150 ms (10 clients)",
      met: p95 < 150,
    });
  }
  return snapshotId;
}

/**
 * Every other GET the dashboard's pages make for the big host (host list and page, snapshot, volumes,
 * suggestions, fleet, shared layers, trends, audit, session), each asked once right after a new poll,
 * as a person opening the pages after it: the answers nothing had cached yet. Their times, one row.
 */
export async function otherDashboardRoutes(server: Server, input: ServerTarget) {
  const polled = await fetch(`${server.base}/api/hosts/${input.bigHostId}/poll`, { method: "POST", headers: { cookie: server.cookie, origin: server.base } });
  const snapshotId = ((await polled.json()) as { snapshot?: { id: string } }).snapshot?.id;
  if (!snapshotId) throw new Error(`Poll now of the big host: ${polled.status}`);
  const day = 86_400_000;
  const range = `from=${encodeURIComponent(iso(new Date(Date.now() - 30 * day)))}&to=${encodeURIComponent(iso(new Date(Date.now() + 60_000)))}`;
  const urls = [
    "/api/auth/session",
    "/api/hosts",
    `/api/hosts/${input.bigHostId}`,
    `/api/snapshots/${snapshotId}`,
    `/api/snapshots/${snapshotId}/volumes`,
    `/api/suggestions?hostId=${input.bigHostId}`,
    "/api/fleet",
    "/api/fleet/shared-layers",
    `/api/trends?${range}&hostId=${input.bigHostId}`,
    `/api/trends?${range}`,
    "/api/audit",
  ];
  const times: [string, number][] = [];
  for (const url of urls) times.push([url.split("?")[0].replace(snapshotId, ":snapshot").replace(input.bigHostId, ":host"), await timedGet(server, url)]);
  const slowest = [...times].sort((a, b) => b[1] - a[1]).slice(0, 3);
  row({
    section: "api",
    label: `${input.bigHostLabel}: the dashboard's ${urls.length} other GETs, once each after a new poll: sum (slowest)`,
    value: `${ms(times.reduce((sum, [, t]) => sum + t, 0))} (${slowest.map(([url, t]) => `${url} ${ms(t)}`).join(", ")})`,
    numbers: Object.fromEntries(times.map(([url, t]) => [url, t])),
  });
}

const iso = (date: Date) => date.toISOString();

async function reports(server: Server, label: string, from: Date, to: Date, groupBys: string[], runs: number, target?: number) {
  for (const groupBy of groupBys) {
    const query = `from=${encodeURIComponent(iso(from))}&to=${encodeURIComponent(iso(to))}&groupBy=${groupBy}`;
    const times: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      // A run over a minute: the rest would only take the bench's time; say how many ran.
      if (times.some((t) => t > 60_000)) break;
      const start = performance.now();
      await Promise.all([timedGet(server, `/api/reports/cost?${query}`), timedGet(server, `/api/reports/cost.csv?${query}`)]);
      times.push(performance.now() - start);
    }
    const p95 = quantile(times, 0.95);
    row({
      section: "reports",
      label: `cost report + CSV, ${label}, groupBy=${groupBy}: p50 / p95 (${times.length} runs)`,
      value: `${ms(quantile(times, 0.5))} / ${ms(p95)}`,
      numbers: { p50Ms: quantile(times, 0.5), p95Ms: p95 },
      ...(target ? { target: `p95 < ${target} ms`, met: p95 < target } : {}),
    });
  }
}

/** Polls of the big host through "Poll now" while `work` runs (the background poller polls it too). */
async function withPolls(server: Server, hostId: string, work: () => Promise<void>) {
  let running = true;
  let polled = 0;
  const polls = (async () => {
    while (running) {
      await fetch(`${server.base}/api/hosts/${hostId}/poll`, { method: "POST", headers: { cookie: server.cookie, origin: server.base } })
        .then((r) => r.arrayBuffer())
        .catch(() => undefined);
      polled += 1;
      await sleep(2_000);
    }
  })();
  try {
    await work();
  } finally {
    running = false;
    await polls;
  }
  row({ section: "server", label: "polls of the big host (Poll now) while the reports ran", value: String(polled) });
}

export async function treemapInChromium(server: Server, input: ServerTarget) {
  const { chromium } = await import("@playwright/test");
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const context = await browser.newContext({ baseURL: server.base });
    await context.request.post("/api/auth/login", { data: ADMIN, headers: { origin: server.base } });
    const page = await context.newPage();
    const times: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const start = performance.now();
      await page.goto(`/hosts/${input.bigHostId}`);
      await page.getByRole("img", { name: /^Treemap of/ }).waitFor({ state: "visible", timeout: 60_000 });
      // The first load warms the server's caches and the browser's; the rest are what a person sees.
      if (i > 0) times.push(performance.now() - start);
    }
    const p50 = quantile(times, 0.5);
    row({
      section: "browser",
      label: `host page, treemap drawn in Chromium, ${input.bigHostLabel}: median of ${times.length} loads (max)`,
      value: `${ms(p50)} (${ms(Math.max(...times))})`,
      numbers: { medianMs: p50, maxMs: Math.max(...times) },
      target: "< 800 ms",
      met: p50 < 800,
    });
  } finally {
    await browser.close();
  }
}

export async function serverLoadSection(input: ServerLoadInput): Promise<void> {
  const server = await startServer(input);
  try {
    const started = await readProbe(server);
    row({ section: "server", label: "server RSS after start", value: mb(started.rssBytes), numbers: { rssBytes: started.rssBytes } });
    await underWatch(server, `10 clients read images/treemap/layers of ${input.bigHostLabel}`, async () => {
      await explorerRoutes(server, input);
    });
    const fleetLabel = `SYNTHETIC ${input.fleet.hosts} hosts × 30 days of 5-minute polls`;
    const reportProbe = await underWatch(server, "fleet cost reports run and the big host is polled", () =>
      withPolls(server, input.bigHostId, () => reports(server, fleetLabel, input.fleet.from, input.fleet.to, ["host", "image", "project"], 7, 1000)),
    );
    row({
      section: "reports",
      label: `server heap, peak while ${fleetLabel} reports ran`,
      value: mb(reportProbe.heapPeakBytes),
      numbers: { heapPeakBytes: reportProbe.heapPeakBytes },
      target: "< 300 MB",
      met: reportProbe.heapPeakBytes < 300e6,
    });
    await reports(server, `${input.bigHostLabel}, 1 host × 21 snapshots`, input.oneHost.from, input.oneHost.to21, ["image"], 7);
    await reports(server, `${input.bigHostLabel}, 1 host × 240 snapshots`, input.oneHost.from, input.oneHost.to240, ["image"], 7);
    await treemapInChromium(server, input);
    await rssPeakRow(server, "server", "server RSS, peak over the views, polls, reports and the host page");
    // The fleet pages' first answers read every host (the SYNTHETIC 20 and the big one): in the read worker.
    await underWatch(server, `one client opens the dashboard's other GETs after a new poll of ${input.bigHostLabel}`, () =>
      otherDashboardRoutes(server, input),
    );
    await rssPeakRow(server, "server", "server RSS, peak over the whole run (with those GETs: a 30-day trend of the SYNTHETIC fleet)");
  } finally {
    await server.stop();
  }
}
