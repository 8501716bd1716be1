// Issue 14's bench rows (called from run.mts, its own section):
//  1. what a poll costs a real engine with ~1,250 classic-builder images, as a ratio to `docker system df -v`
//     timed in alternation with it (medians): cold (nothing known), a full read with facts known (Poll now),
//     a background poll of an unchanged host, one after a tag moved, one after a container was created;
//  2. database growth per poll through the real store of a busy host (tags and container counts change at
//     every poll) and of an unchanged one (whole file: every table, the report aggregates included).
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { collectPoll, memoryImageFactsCache, type PollMemory } from "../../lib/collect/collectSnapshot";
import { createEngineClient } from "../../lib/collect/engine";
import { parseEndpoint } from "../../lib/collect/endpoint";
import { busyHostPoll, busyHostWithContainersPoll } from "../../tests/support/busyHost";
import { bigHostSnapshot } from "../../tests/support/bigHost";
import { dockerCli } from "../../tests/support/engineCli";
import { median } from "./benchTable.mts";
import { databaseBytes, databaseBytesByTable } from "./databaseBytes.mts";
import { dockerDfVerbose } from "./engineCallCosts.mts";

type Row = [string, string];
const timed = async (fn: () => Promise<unknown>) => {
  const start = performance.now();
  await fn();
  return performance.now() - start;
};

/** `subject` and `docker system df -v` alternated `rounds` times; `between` runs untimed before each subject. */
async function ratio(dockerHost: string, rounds: number, subject: () => Promise<unknown>, between: () => unknown = () => undefined) {
  const mine: number[] = [];
  const df: number[] = [];
  for (let i = 0; i < rounds; i++) {
    df.push(await timed(dockerDfVerbose(dockerHost)));
    await between();
    mine.push(await timed(subject));
  }
  return { ms: median(mine), dfMs: median(df), ratio: median(mine) / median(df) };
}

const show = ({ ms, dfMs, ratio }: { ms: number; dfMs: number; ratio: number }) => `${ratio.toFixed(2)}× (${ms.toFixed(0)} ms vs df -v ${dfMs.toFixed(0)} ms)`;

async function engineRows(engineName: string, rows: Row[]) {
  // @ts-expect-error plain ESM scripts
  const { startManyImagesEngine, manyImagesDir } = await import("../test-env/manyImages.mjs");
  // @ts-expect-error plain ESM scripts
  const { stopPrivateDockerd } = await import("../test-env/privateDockerd.mjs");
  const started = await startManyImagesEngine(engineName, 1250);
  try {
    const host: string = started.dockerHost;
    const client = createEngineClient(parseEndpoint(host));
    const label = `real ${engineName}, ${started.images} images`;
    rows.push([`${label}: cold poll ÷ df -v`, show(await ratio(host, 3, () => collectPoll(client, memoryImageFactsCache())))]);
    const cache = memoryImageFactsCache();
    let memory: PollMemory = (await collectPoll(client, cache)).memory;
    rows.push([`${label}: full poll, facts known (Poll now) ÷ df -v`, show(await ratio(host, 5, () => collectPoll(client, cache)))]);
    const background = async () => (memory = (await collectPoll(client, cache, { previous: memory, fresh: false, maxAgeSec: 86_400 })).memory);
    rows.push([`${label}: background poll, host unchanged ÷ df -v`, show(await ratio(host, 7, background))]);
    let n = 0;
    const moveTag = () => dockerCli(host, ["tag", "ballast-many/base:1", `ballast-many/moved:${n++ % 3}`]);
    rows.push([`${label}: background poll after a tag moved ÷ df -v`, show(await ratio(host, 5, background, moveTag))]);
    const createContainer = () => dockerCli(host, ["create", "--network", "none", "--name", `bench-${n++}`, "ballast-many/base:1", "true"]);
    rows.push([`${label}: background poll after a container was created ÷ df -v`, show(await ratio(host, 5, background, createContainer))]);
    // Leave the cached engine as it was built.
    dockerCli(host, ["container", "prune", "-f"]);
    for (const tag of [0, 1, 2]) {
      try {
        dockerCli(host, ["rmi", `ballast-many/moved:${tag}`]);
      } catch {
        // Not made in this run.
      }
    }
  } finally {
    await stopPrivateDockerd(manyImagesDir(engineName, 1250));
  }
}

/** Whole-file database growth per poll, after a checkpoint (pages in use). */
async function databaseRows(databaseFile: string, rows: Row[]) {
  const used = () => databaseBytes(databaseFile);
  const { createHost } = await import("../../lib/store/hosts");
  const { saveSnapshot } = await import("../../lib/store/snapshotWriter");
  const base = bigHostSnapshot();
  const busy = await createHost({ name: "bench-busy-host", endpoint: "unix:///bench-busy.sock" });
  await saveSnapshot(busy.id, busyHostPoll(0, base));
  const polls = 70;
  let before = used();
  const tablesBefore = databaseBytesByTable(databaseFile);
  for (let poll = 1; poll <= polls; poll++) await saveSnapshot(busy.id, busyHostPoll(poll, base));
  rows.push([
    "database per poll, 1,250-image host whose tags and container counts change every poll",
    `${((used() - before) / polls / 1e3).toFixed(1)} kB (${polls} polls, keyframes included)`,
  ]);
  // Where it goes: each table's growth (its indexes included), largest first.
  const grown = [...databaseBytesByTable(databaseFile)].map(([table, bytes]) => [table, (bytes - (tablesBefore.get(table) ?? 0)) / polls] as const);
  rows.push([
    "  of which, per table",
    grown
      .filter(([, bytes]) => bytes >= 50)
      .sort((a, b) => b[1] - a[1])
      .map(([table, bytes]) => `${table} ${(bytes / 1e3).toFixed(1)} kB`)
      .join(", "),
  ]);
  const still = busyHostPoll(polls, base);
  before = used();
  for (let poll = 1; poll <= 10; poll++) await saveSnapshot(busy.id, { ...still, takenAt: new Date(Date.parse(still.takenAt) + poll * 300_000).toISOString() });
  rows.push(["database per poll, same host unchanged", `${((used() - before) / 10 / 1e3).toFixed(2)} kB`]);
  // The same images with a CI runner's containers coming and going (busyHostWithContainersPoll): the
  // container part is stored again whenever it changes (no deltas), so this row says what that costs.
  const runner = await createHost({ name: "bench-busy-runner", endpoint: "unix:///bench-busy-runner.sock" });
  await saveSnapshot(runner.id, busyHostWithContainersPoll(0, base));
  before = used();
  const runnerTables = databaseBytesByTable(databaseFile);
  for (let poll = 1; poll <= polls; poll++) await saveSnapshot(runner.id, busyHostWithContainersPoll(poll, base));
  const runnerAfter = databaseBytesByTable(databaseFile);
  const containerBytes = ["SnapshotContainer", "SnapshotContainerSet"].reduce(
    (sum, table) => sum + (runnerAfter.get(table) ?? 0) - (runnerTables.get(table) ?? 0),
    0,
  );
  rows.push([
    "database per poll, the same busy host with 40 containers, 2 replaced and 5 growing every poll",
    `${((used() - before) / polls / 1e3).toFixed(1)} kB (${polls} polls; the container part ${(containerBytes / polls / 1e3).toFixed(1)} kB)`,
  ]);
}

/** Issue 14's rows; each part reports its own failure and the others still run. */
export async function pollCostRows(databaseFile: string, { engines = true } = {}): Promise<Row[]> {
  const rows: Row[] = [];
  for (const engineName of engines ? ["docker-28.5-overlay2", "docker-20.10-overlay2"] : []) {
    try {
      if (!fs.existsSync(path.resolve(import.meta.dirname, "../../.test-env"))) throw new Error(".test-env missing: run scripts/test-env/ensure-deps.sh");
      await engineRows(engineName, rows);
    } catch (error) {
      rows.push([`real ${engineName}, 1,250 images`, `skipped: ${(error as Error).message.split("\n")[0]}`]);
    }
  }
  try {
    await databaseRows(databaseFile, rows);
  } catch (error) {
    rows.push(["database per busy poll", `failed: ${(error as Error).message.split("\n").at(-1)}`]);
  }
  return rows;
}

// Run on its own: node --conditions=react-server --import tsx scripts/bench/pollCost.mts [--database-only]
// (--database-only: the database rows alone, no engines: seconds instead of minutes)
if (import.meta.url === `file://${process.argv[1]}`) {
  const os = await import("node:os");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ballast-poll-cost-"));
  process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;
  (await import("../../lib/store/databaseUrl")).migrateDatabase();
  const rows = await pollCostRows(path.join(dir, "bench.db"), { engines: !process.argv.includes("--database-only") });
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`);
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}
