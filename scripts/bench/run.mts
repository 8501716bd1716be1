// `npm run bench`: issue 14's table, measured side by side on this machine, printed as ONE table and
// written to .test-env/bench/results.json. Speed targets live here, never in timed tests. Sections
// (each its own module, so sections can be added without touching the others):
//   reports        cost reports over the SYNTHETIC 20-host month, in process (reportsInProcess.mts)
//   hot paths      FAKE 1,250-image engine and the agent's footprint (hotPaths.mts)
//   poll cost      issue 14 items 1–2: each Engine API call's cost, busy-host growth (pollCost.mts)
//   retention      issue 12: database size before and after retention (retentionBench.mts)
//   polls/database real dockerds of ~65/650/1,250 images vs `docker system df -v` (realEngines.mts)
//   fake host      a FAKE 5,000-image classic-builder host checked against a real engine (fakeHostBench.mts)
//   views          the host views alone: API rows, the treemap in Chromium, RSS (viewsBench.mts)
//   server         the real server: API at 1,249 images, reports over the SYNTHETIC 20-host month,
//                  /api/health and the event loop under load, RSS, the treemap in Chromium (serverLoad.mts)
// Caches (built on the first run, reused): .test-env/many-images (engines), .test-env/bench (fleet).
// Options: --rounds N (alternated pairs per poll ratio, default 7), --only SECTION[,SECTION].
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { printTable, row, section, writeJson } from "./benchTable.mts";

// A stray rejection is reported, never a crash that would leave the server and engines running.
process.on("unhandledRejection", (error) => console.error("[bench] unhandled:", error));

const root = path.resolve(import.meta.dirname, "../..");
const arg = (name: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : undefined;
};
const rounds = Number(arg("rounds") ?? 7);
const only = arg("only")?.split(",");
const wanted = (name: string) => !only || only.includes(name);
const started = Date.now();

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ballast-bench-"));
const dbFile = path.join(dir, "bench.db");
process.env.DATABASE_URL = `file:${dbFile}`;
const { migrateDatabase } = await import("../../lib/store/databaseUrl");

/** The SYNTHETIC fleet copied to the bench database, migrated and packed (the packed copy is cached). */
async function preparedFleet() {
  const { syntheticFleet, preparedFleetFile } = await import("./syntheticFleet.mts");
  const fleet = syntheticFleet(dbFile);
  const prepared = preparedFleetFile();
  if (fs.existsSync(prepared)) fs.copyFileSync(prepared, dbFile);
  migrateDatabase();
  if (!fs.existsSync(prepared)) {
    // What the server does in the background after the first poll of each day, done once for the cached
    // fleet (and again whenever a migration is added): pack every finished day of its report aggregates.
    const { packFinishedDays } = await import("../../lib/store/aggregateDays");
    const { db, resetDb } = await import("../../lib/store/db");
    const packing = Date.now();
    let days = 0;
    for (const { id } of await db().host.findMany({ select: { id: true } })) days += await packFinishedDays(id);
    row({
      section: "reports",
      label: "packing the fleet's finished days of report aggregates (once, cached)",
      value: `${days} host-key-days in ${((Date.now() - packing) / 1000).toFixed(0)} s`,
    });
    await resetDb();
    const { databaseBytes } = await import("./databaseBytes.mts");
    databaseBytes(dbFile); // checkpoints the WAL into the file before it is copied
    fs.copyFileSync(dbFile, prepared);
  }
  row({
    section: "setup",
    label: "SYNTHETIC fleet history",
    value: `${fleet.hosts} hosts, ${fleet.snapshots} snapshots, ${fleet.from.toISOString()} – ${fleet.to.toISOString()}`,
  });
  return fleet;
}

// The views section alone needs no fleet (copying it takes minutes): an empty migrated database.
const fleet = only?.every((name) => name === "views") ? (migrateDatabase(), null) : await preparedFleet();

// Issue 14 item 3: reports over the SYNTHETIC month built in this process (reportsInProcess.mts); the
// server section measures them through HTTP beside polls.
if (wanted("reports") && fleet) {
  const { reportsInProcess } = await import("./reportsInProcess.mts");
  await section("reports", () => reportsInProcess(fleet));
}

if (wanted("hot-paths")) {
  const { hotPathsSection } = await import("./hotPaths.mts");
  await section("hot paths", () => hotPathsSection(dir, dbFile));
}

const { realEngineSections, stopRealEngines } = await import("./realEngines.mts");
try {
  let engines: Awaited<ReturnType<typeof realEngineSections>> = [];
  if (wanted("polls") || wanted("server")) await section("polls", async () => void (engines = await realEngineSections(dbFile, rounds)));
  const big = engines.at(-1);
  if (wanted("server") && big && fleet) {
    const { oneHostHistory } = await import("./oneHostHistory.mts");
    const oneHost = await oneHostHistory(big.hostId, big.snapshot, new Date(fleet.from.getTime() - 30 * 86_400_000));
    const { serverLoadSection } = await import("./serverLoad.mts");
    await section("server", () =>
      serverLoadSection({
        dir,
        dbFile,
        port: Number(process.env.E2E_PORT ?? 3450),
        bigHostId: big.hostId,
        bigHostLabel: `real 20.10, ${big.snapshot.images.length} images`,
        fleet,
        oneHost,
      }),
    );
  }
} finally {
  await stopRealEngines();
}

// Issue 14: a FAKE classic-builder host bigger than this machine's real engines, checked against a real
// 20.10 engine at small scale (fakeHostBench.mts; BENCH_FAKE_IMAGES sets its size, default 5,000).
if (wanted("fake-host")) {
  const { fakeHostSection } = await import("./fakeHostBench.mts");
  await section("fake host", () => fakeHostSection(dbFile));
}

// Issue 14: the host views alone (API rows, the treemap in Chromium, RSS) on the cached 1,250-image engine
// (viewsBench.mts): what the server section measures of them, in minutes. Only when asked for by name.
if (only?.includes("views")) {
  const { viewsSection } = await import("./viewsBench.mts");
  try {
    await section("views", () => viewsSection({ dir, dbFile, port: Number(process.env.E2E_PORT ?? 3450) }));
  } finally {
    await stopRealEngines();
  }
}

// Issue 14 items 1–2: poll cost per Engine API call on real 1,250-image engines and database growth per
// busy poll (pollCost.mts).
if (wanted("poll-cost")) {
  await section("poll cost", async () => {
    const { pollCostRows } = await import("./pollCost.mts");
    for (const [label, value] of await pollCostRows(dbFile)) row({ section: "poll cost", label, value });
  });
}

// Issue 12: retention on a SYNTHETIC 20-host × 30-day history (retentionBench.mts; it points the store at
// its own file, so it runs last. BENCH_RETENTION=off skips it, BENCH_RETENTION_HOSTS/DAYS scale it down).
if (wanted("retention") && process.env.BENCH_RETENTION !== "off") {
  await section("retention", async () => {
    const results: [string, string][] = [];
    const { benchRetention } = await import("./retentionBench.mts");
    // From the cached SYNTHETIC fleet unless told otherwise: writing 20 hosts × 30 days poll by poll
    // through the store takes hours on this machine.
    const { preparedFleetFile } = await import("./syntheticFleet.mts");
    if (!process.env.BENCH_HISTORY_DB && fs.existsSync(preparedFleetFile())) process.env.BENCH_HISTORY_DB = preparedFleetFile();
    try {
      await benchRetention(results, dir);
    } finally {
      for (const [label, value] of results) row({ section: "retention", label, value });
    }
  });
}

row({ section: "bench", label: "whole run took", value: `${((Date.now() - started) / 60_000).toFixed(1)} min` });
const results = path.join(root, ".test-env/bench/results.json");
writeJson(results, { machine: { cpus: os.cpus().length, memoryBytes: os.totalmem(), loadAverage: os.loadavg() }, finishedAt: new Date().toISOString() });
printTable();
console.log(`\nJSON: ${path.relative(root, results)}`);
// The server's log stays for a look when something failed; otherwise the copy of the fleet goes.
if (fs.existsSync(path.join(dir, "server.log"))) fs.copyFileSync(path.join(dir, "server.log"), path.join(root, ".test-env/bench/server.log"));
fs.rmSync(dir, { recursive: true, force: true });
process.exit(0);
