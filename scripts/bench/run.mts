// `npm run bench`: prints how long Ballast's hot paths take. Targets live here, never in timed tests.
//  1. poll a FAKE 1,250-image / 3,000+-layer engine: cold (every image's history fetched) and warm
//     (history cached by image ID), then store the snapshot in SQLite, then the per-image accounting;
//  2. poll a real private dockerd with the test scene, when dockerd is installed;
//  3. the host agent's footprint: RSS and CPU per poll, in front of the fake large engine and the scene;
//  4. retention: database size of a SYNTHETIC 20-host × 30-day history before and after a pass.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { collectSnapshot, memoryImageFactsCache } from "../../lib/collect/collectSnapshot";
import { createEngineClient } from "../../lib/collect/engine";
import { parseEndpoint } from "../../lib/collect/endpoint";
import { accountImages } from "../../lib/analysis/imageAccounting";
import { imageRows, layerRows } from "../../lib/analysis/snapshotRows";
import { startFakeEngineServer } from "../../tests/support/fakeEngineServer";
import { largeEngineRoutes } from "./fakeLargeEngine";
import { startAgent } from "../../tests/support/agentProcess";

const results: [string, string][] = [];
async function time<T>(label: string, fn: () => Promise<T> | T): Promise<T> {
  const start = performance.now();
  const value = await fn();
  results.push([label, `${(performance.now() - start).toFixed(0)} ms`]);
  return value;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ballast-bench-"));
process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;
const { migrateDatabase } = await import("../../lib/store/databaseUrl");
migrateDatabase();
const { saveSnapshot } = await import("../../lib/store/snapshotWriter");
const { loadHostSnapshot } = await import("../../lib/store/snapshotReader");
const { createHost } = await import("../../lib/store/hosts");
const { databaseImageFactsCache } = await import("../../lib/store/imageFacts");
const { loadSnapshotForAnalysis } = await import("../../lib/store/snapshotAnalysis");

const fake = await startFakeEngineServer(largeEngineRoutes());
const client = createEngineClient(parseEndpoint(fake.endpoint));
const cache = memoryImageFactsCache();
const snapshot = await time("fake 1,250-image engine: poll, cold cache", () => collectSnapshot(client, cache));
await time("fake 1,250-image engine: poll, warm cache", () => collectSnapshot(client, cache));
results.push([
  "  images / layers / containers / volumes",
  `${snapshot.images.length} / ${snapshot.layers.length} / ${snapshot.containers.length} / ${snapshot.volumes.length}`,
]);
// A failing step is reported and the bench goes on: the agent and real-engine figures still print.
try {
  const host = await createHost({ name: "bench", endpoint: fake.endpoint });
  const id = await time("store the snapshot in SQLite (first time)", () => saveSnapshot(host.id, snapshot));
  await time("store it again (images and layers already known)", () => saveSnapshot(host.id, snapshot));
  // Database growth per poll: pages in use after a checkpoint, before and after 5 more saves.
  const Database = (await import("better-sqlite3")).default;
  const dbBytes = () => {
    const sqlite = new Database(path.join(dir, "bench.db"));
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
    const used = (sqlite.pragma("page_count", { simple: true }) as number) - (sqlite.pragma("freelist_count", { simple: true }) as number);
    const bytes = used * (sqlite.pragma("page_size", { simple: true }) as number);
    sqlite.close();
    return bytes;
  };
  const beforeFive = dbBytes();
  for (let i = 0; i < 5; i++) await saveSnapshot(host.id, snapshot);
  results.push([
    "  database growth per further poll of this host",
    `${((dbBytes() - beforeFive) / 5 / 1e3).toFixed(1)} kB (unchanged host: only the snapshot row)`,
  ]);
  // As the poller polls: image facts from this host's rows in the database, not from memory.
  await time("fake 1,250-image engine: poll, facts from the database (as the poller)", () => collectSnapshot(client, databaseImageFactsCache(host.id)));
  // The host page's parallel routes read one snapshot at once; then a later page load reads it again.
  await time("snapshot view: 3 parallel reads of one snapshot (host page)", () => Promise.all([1, 2, 3].map(() => loadSnapshotForAnalysis(id))));
  await time("snapshot view: 3 more reads of it (next page load)", () => Promise.all([1, 2, 3].map(() => loadSnapshotForAnalysis(id))));
  const loaded = await time("load it back from SQLite", () => loadHostSnapshot(id));
  await time("per-image accounting (shared/unique/fair share)", () => accountImages(loaded!));
  await time("images + layers API rows", () => [imageRows(loaded!), layerRows(loaded!)]);
} catch (error) {
  results.push(["store / load the snapshot", `failed: ${(error as Error).message.trim().split("\n").at(-1)}`]);
}
await agentFootprint("fake 1,250-image engine", fake.endpoint);
await fake.close();

try {
  // @ts-expect-error plain ESM scripts
  const { startPrivateDockerd, stopPrivateDockerd } = await import("../test-env/privateDockerd.mjs");
  // @ts-expect-error plain ESM scripts
  const { buildScene } = await import("../test-env/scene.mjs");
  const engine = await startPrivateDockerd(path.join(dir, "dockerd"));
  buildScene(engine.dockerHost);
  const real = createEngineClient(parseEndpoint(engine.dockerHost));
  const realCache = memoryImageFactsCache();
  const scene = await time("real dockerd (test scene): poll, cold cache", () => collectSnapshot(real, realCache));
  await time("real dockerd (test scene): poll, warm cache", () => collectSnapshot(real, realCache));
  results.push(["  images / layers / containers", `${scene.images.length} / ${scene.layers.length} / ${scene.containers.length}`]);
  await agentFootprint("real dockerd (test scene)", engine.dockerHost);
  await stopPrivateDockerd(path.join(dir, "dockerd"));
} catch (error) {
  results.push(["real dockerd", `skipped: ${(error as Error).message.split("\n")[0]}`]);
}

/** The agent process's RSS (kB) and CPU time (ms) from /proc. */
function processUsage(pid: number): { rssKb: number; peakKb: number; cpuMs: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  // utime and stime are fields 14 and 15 of /proc/PID/stat, in clock ticks (100 per second on Linux).
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return { rssKb: kb("VmRSS"), peakKb: kb("VmHWM"), cpuMs: (Number(stat[11]) + Number(stat[12])) * 10 };
}

async function agentFootprint(label: string, dockerHost: string) {
  let agent: Awaited<ReturnType<typeof startAgent>> | null = null;
  try {
    agent = await startAgent({ dockerHost, stateDir: path.join(dir, `agent-${results.length}`) });
    const pid = agent.child.pid!;
    const idle = processUsage(pid);
    const viaAgent = createEngineClient(parseEndpoint(agent.endpoint, null, { token: agent.token, fingerprint: agent.fingerprint }));
    const agentCache = memoryImageFactsCache();
    await time(`agent in front of ${label}: poll, cold cache`, () => collectSnapshot(viaAgent, agentCache));
    const before = processUsage(pid);
    const polls = 5;
    const start = performance.now();
    for (let i = 0; i < polls; i++) await collectSnapshot(viaAgent, agentCache);
    const after = processUsage(pid);
    results.push([`agent in front of ${label}: poll, warm cache`, `${((performance.now() - start) / polls).toFixed(0)} ms`]);
    results.push([
      "  agent RSS idle / after polls / peak",
      `${(idle.rssKb / 1024).toFixed(1)} / ${(after.rssKb / 1024).toFixed(1)} / ${(after.peakKb / 1024).toFixed(1)} MiB`,
    ]);
    results.push(["  agent CPU per warm poll", `${((after.cpuMs - before.cpuMs) / polls).toFixed(0)} ms`]);
  } catch (error) {
    results.push([`agent in front of ${label}`, `skipped: ${(error as Error).message.split("\n")[0]}`]);
  } finally {
    // Stopped even when a poll failed: the bench leaves no agent running.
    await agent?.stop();
  }
}

// Issue 14: poll cost on real 1,250-image engines and database growth per busy poll (scripts/bench/pollCost.mts).
const { pollCostRows } = await import("./pollCost.mts");
results.push(...(await pollCostRows(path.join(dir, "bench.db"))));

// Retention on a SYNTHETIC 20-host × 30-day history (scripts/bench/retentionBench.mts; the longest
// section: BENCH_RETENTION=off skips it, BENCH_RETENTION_HOSTS/DAYS scale it down).
if (process.env.BENCH_RETENTION !== "off") {
  try {
    const { benchRetention } = await import("./retentionBench.mts");
    await benchRetention(results, dir);
  } catch (error) {
    results.push(["retention", `failed: ${(error as Error).message.trim().split("\n").at(-1)}`]);
  }
}

const width = Math.max(...results.map(([label]) => label.length));
for (const [label, value] of results) console.log(`${label.padEnd(width)}  ${value}`);
fs.rmSync(dir, { recursive: true, force: true });
process.exit(0);
