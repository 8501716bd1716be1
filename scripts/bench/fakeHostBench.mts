// Issue 14's FAKE bigger host: a classic-builder CI host of 5,000 images (more than this machine's real
// engines hold), served by tests/support/fakeBuilderEngine.ts from a process of its own. The fake's
// answers equal a real 20.10 engine's for the same content at 65 images (shapes, calls and every figure:
// tests/integration/engines/fakeBuilderEngine.test.ts), so what Ballast does with them is what it would do
// with a real host of that size. What a request costs the fake is nothing like an engine's: these rows are
// Ballast's own side of a poll (wall time and its CPU), and what the store does with it.
import { spawn } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { performance } from "node:perf_hooks";
import { collectPoll, collectSnapshot, memoryImageFactsCache } from "../../lib/collect/collectSnapshot";
import { createEngineClient } from "../../lib/collect/engine";
import { parseEndpoint } from "../../lib/collect/endpoint";
import { createHost } from "../../lib/store/hosts";
import { databaseImageFactsCache } from "../../lib/store/imageFacts";
import { saveSnapshot } from "../../lib/store/snapshotWriter";
import { kb, median, ms, row } from "./benchTable.mts";
import { databaseBytes } from "./databaseBytes.mts";
import { busyVariant } from "./realEngines.mts";

const SECTION = "fake host";

async function startFakeHost(count: number) {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "fakeBuilderHost.mts"), String(count)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const line = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`the fake host exited (${code})`)));
  });
  return { ...(JSON.parse(line) as { endpoint: string; imageCount: number }), stop: () => child.kill("SIGTERM") };
}

/** Wall time and this process's CPU of `fn`, medians of `rounds`. */
async function measured(rounds: number, fn: () => Promise<unknown>) {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    await fn();
    walls.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
  }
  return { wall: median(walls), cpu: median(cpus) };
}

export async function fakeHostSection(dbFile: string, count = Number(process.env.BENCH_FAKE_IMAGES ?? 5000)): Promise<void> {
  const fake = await startFakeHost(count);
  try {
    const label = `FAKE classic-builder host, ${fake.imageCount} images`;
    const client = createEngineClient(parseEndpoint(fake.endpoint));
    const say = (what: string, m: { wall: number; cpu: number }) =>
      row({ section: SECTION, label: `${label}: ${what}`, value: `${ms(m.wall)} (Ballast CPU ${ms(m.cpu)})`, numbers: { wallMs: m.wall, cpuMs: m.cpu } });
    say("first (cold) poll", await measured(3, () => collectSnapshot(client, memoryImageFactsCache())));
    const host = await createHost({ name: `bench-fake-${count}`, endpoint: fake.endpoint });
    const facts = databaseImageFactsCache(host.id);
    const first = await collectSnapshot(client, facts);
    const start = performance.now();
    await saveSnapshot(host.id, first, facts.pending);
    row({ section: SECTION, label: `${label}: first save`, value: ms(performance.now() - start) });
    say("full poll, facts known (Poll now)", await measured(5, () => collectSnapshot(client, databaseImageFactsCache(host.id))));
    let memory = (await collectPoll(client, databaseImageFactsCache(host.id))).memory;
    say(
      "background poll, host unchanged",
      await measured(
        5,
        async () => (memory = (await collectPoll(client, databaseImageFactsCache(host.id), { previous: memory, fresh: false, maxAgeSec: 86_400 })).memory),
      ),
    );
    const growth = async (polls: number, save: (i: number) => Promise<unknown>) => {
      const before = databaseBytes(dbFile);
      for (let i = 0; i < polls; i++) await save(i);
      return (databaseBytes(dbFile) - before) / polls;
    };
    const unchanged = await growth(20, (i) =>
      saveSnapshot(host.id, { ...first, takenAt: new Date(Date.parse(first.takenAt) + (i + 1) * 60_000).toISOString() }),
    );
    row({
      section: SECTION,
      label: `${label}: database growth per poll, host unchanged`,
      value: kb(unchanged),
      numbers: { bytesPerPoll: unchanged },
      target: "≤ 1 kB",
      met: unchanged <= 1000,
    });
    const later = Date.parse(first.takenAt) + 3_600_000;
    const busy = await growth(10, (i) => saveSnapshot(host.id, { ...busyVariant(first, i), takenAt: new Date(later + (i + 1) * 300_000).toISOString() }));
    row({
      section: SECTION,
      label: `${label}: database growth per poll, tags and container counts change every poll`,
      value: kb(busy),
      numbers: { bytesPerPoll: busy },
    });
  } finally {
    fake.stop();
  }
}
