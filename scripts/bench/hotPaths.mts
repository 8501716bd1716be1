// Ballast's hot paths on a FAKE 1,250-image / 3,000+-layer engine (issue 4's bench, kept as it was):
// cold and warm polls, storing the snapshot, reading it back, the per-image accounting; and the host
// agent's footprint (RSS, CPU per poll) in front of the fake engine and a real private dockerd's scene.
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { collectSnapshot, memoryImageFactsCache } from "../../lib/collect/collectSnapshot";
import { createEngineClient } from "../../lib/collect/engine";
import { parseEndpoint } from "../../lib/collect/endpoint";
import { accountImages } from "../../lib/analysis/imageAccounting";
import { imageRows, layerRows } from "../../lib/analysis/snapshotRows";
import { createHost } from "../../lib/store/hosts";
import { databaseImageFactsCache } from "../../lib/store/imageFacts";
import { loadSnapshotForAnalysis } from "../../lib/store/snapshotAnalysis";
import { loadHostSnapshot } from "../../lib/store/snapshotReader";
import { saveSnapshot } from "../../lib/store/snapshotWriter";
import { startAgent } from "../../tests/support/agentProcess";
import { startFakeEngineServer } from "../../tests/support/fakeEngineServer";
import { row } from "./benchTable.mts";
import { largeEngineRoutes } from "./fakeLargeEngine";
import { databaseBytes } from "./databaseBytes.mts";

const SECTION = "hot paths";
const say = (label: string, value: string) => row({ section: SECTION, label, value });

async function time<T>(label: string, fn: () => Promise<T> | T): Promise<T> {
  const start = performance.now();
  const value = await fn();
  say(label, `${(performance.now() - start).toFixed(0)} ms`);
  return value;
}

export async function hotPathsSection(dir: string, dbFile: string): Promise<void> {
  const fake = await startFakeEngineServer(largeEngineRoutes());
  const client = createEngineClient(parseEndpoint(fake.endpoint));
  const cache = memoryImageFactsCache();
  const snapshot = await time("FAKE 1,250-image engine: poll, cold cache", () => collectSnapshot(client, cache));
  await time("FAKE 1,250-image engine: poll, warm cache", () => collectSnapshot(client, cache));
  say(
    "  images / layers / containers / volumes",
    `${snapshot.images.length} / ${snapshot.layers.length} / ${snapshot.containers.length} / ${snapshot.volumes.length}`,
  );
  // A failing step is reported and the bench goes on: the agent and real-engine figures still print.
  try {
    const host = await createHost({ name: "bench-fake-1250", endpoint: fake.endpoint });
    const id = await time("store the snapshot in SQLite (first time)", () => saveSnapshot(host.id, snapshot));
    await time("store it again (images and layers already known)", () => saveSnapshot(host.id, snapshot));
    const beforeFive = databaseBytes(dbFile);
    for (let i = 0; i < 5; i++) await saveSnapshot(host.id, snapshot);
    say(
      "  database growth per further poll of this host",
      `${((databaseBytes(dbFile) - beforeFive) / 5 / 1e3).toFixed(1)} kB (unchanged host: only the snapshot row)`,
    );
    // As the poller polls: image facts from this host's rows in the database, not from memory.
    await time("FAKE 1,250-image engine: poll, facts from the database (as the poller)", () => collectSnapshot(client, databaseImageFactsCache(host.id)));
    // The host page's parallel routes read one snapshot at once; then a later page load reads it again.
    await time("snapshot view: 3 parallel reads of one snapshot (host page)", () => Promise.all([1, 2, 3].map(() => loadSnapshotForAnalysis(id))));
    await time("snapshot view: 3 more reads of it (next page load)", () => Promise.all([1, 2, 3].map(() => loadSnapshotForAnalysis(id))));
    const loaded = await time("load it back from SQLite", () => loadHostSnapshot(id));
    await time("per-image accounting (shared/unique/fair share)", () => accountImages(loaded!));
    await time("images + layers API rows", () => [imageRows(loaded!), layerRows(loaded!)]);
    // The bench server must not poll this fake engine (it is gone by then).
    const { db } = await import("../../lib/store/db");
    await db().host.update({ where: { id: host.id }, data: { enabled: false, status: "disabled" } });
  } catch (error) {
    say("store / load the snapshot", `failed: ${(error as Error).message.trim().split("\n").at(-1)}`);
  }
  await agentFootprint(dir, "FAKE 1,250-image engine", fake.endpoint);
  await fake.close();

  try {
    // @ts-expect-error plain ESM scripts
    const { startPrivateDockerd, stopPrivateDockerd } = await import("../test-env/privateDockerd.mjs");
    // @ts-expect-error plain ESM scripts
    const { buildScene } = await import("../test-env/scene.mjs");
    const engine = await startPrivateDockerd(path.join(dir, "dockerd"), { extraArgs: ["--exec-root", path.join("/tmp", `${path.basename(dir)}-x`)] });
    buildScene(engine.dockerHost);
    const real = createEngineClient(parseEndpoint(engine.dockerHost));
    const realCache = memoryImageFactsCache();
    const scene = await time("real dockerd (test scene): poll, cold cache", () => collectSnapshot(real, realCache));
    await time("real dockerd (test scene): poll, warm cache", () => collectSnapshot(real, realCache));
    say("  images / layers / containers", `${scene.images.length} / ${scene.layers.length} / ${scene.containers.length}`);
    await agentFootprint(dir, "real dockerd (test scene)", engine.dockerHost);
    await stopPrivateDockerd(path.join(dir, "dockerd"));
  } catch (error) {
    say("real dockerd", `skipped: ${(error as Error).message.split("\n")[0]}`);
  }
}

/** The agent process's RSS (kB) and CPU time (ms) from /proc. */
function processUsage(pid: number): { rssKb: number; peakKb: number; cpuMs: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  // utime and stime are fields 14 and 15 of /proc/PID/stat, in clock ticks (100 per second on Linux).
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return { rssKb: kb("VmRSS"), peakKb: kb("VmHWM"), cpuMs: (Number(stat[11]) + Number(stat[12])) * 10 };
}

async function agentFootprint(dir: string, label: string, dockerHost: string) {
  let agent: Awaited<ReturnType<typeof startAgent>> | null = null;
  try {
    agent = await startAgent({ dockerHost, stateDir: path.join(dir, `agent-${label.replace(/\W+/g, "-")}`) });
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
    say(`agent in front of ${label}: poll, warm cache`, `${((performance.now() - start) / polls).toFixed(0)} ms`);
    say(
      "  agent RSS idle / after polls / peak",
      `${(idle.rssKb / 1024).toFixed(1)} / ${(after.rssKb / 1024).toFixed(1)} / ${(after.peakKb / 1024).toFixed(1)} MiB`,
    );
    say("  agent CPU per warm poll", `${((after.cpuMs - before.cpuMs) / polls).toFixed(0)} ms`);
  } catch (error) {
    say(`agent in front of ${label}`, `skipped: ${(error as Error).message.split("\n")[0]}`);
  } finally {
    // Stopped even when a poll failed: the bench leaves no agent running.
    await agent?.stop();
  }
}
