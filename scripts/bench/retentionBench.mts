// Retention in `npm run bench` (issue 12 item 6): database size of a SYNTHETIC fleet history (default
// 20 hosts × 30 days of 5-minute polls, scripts/bench/syntheticHistory.mts) before and after one
// retention pass, how long the pass takes, and the longest the event loop was blocked meanwhile.
//   BENCH_RETENTION_HOSTS / BENCH_RETENTION_DAYS  scale it down (writing 20 × 30 takes ~35 min of CPU);
//   BENCH_HISTORY_DB=/path/file.db                start from a copy of a history written before
//                                                 (`node --conditions=react-server --import tsx
//                                                 scripts/bench/syntheticHistory.mts --db FILE …`).
// Expects DATABASE_URL unset or pointing into `dir`; it points the store at its own file.
import fs from "node:fs";
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";

type Results = [string, string][];

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

function fileBytes(file: string): number {
  return [file, `${file}-wal`].reduce((sum, f) => sum + (fs.existsSync(f) ? fs.statSync(f).size : 0), 0);
}

export async function benchRetention(results: Results, dir: string): Promise<void> {
  const hosts = Number(process.env.BENCH_RETENTION_HOSTS ?? 20);
  const days = Number(process.env.BENCH_RETENTION_DAYS ?? 30);
  const file = path.join(dir, "retention.db");
  const source = process.env.BENCH_HISTORY_DB;
  if (source) for (const suffix of ["", "-wal"]) if (fs.existsSync(source + suffix)) fs.copyFileSync(source + suffix, file + suffix);
  process.env.DATABASE_URL = `file:${file}`;
  const { resetDb, db } = await import("../../lib/store/db");
  await resetDb();
  const { migrateDatabase } = await import("../../lib/store/databaseUrl");
  migrateDatabase();
  const { writeSyntheticHistory } = await import("./syntheticHistory.mts");
  const { runRetentionPass } = await import("../../lib/store/retentionPass");
  const { reclaimFreePages, databaseSpace } = await import("../../lib/store/databaseSpace");
  let end: Date;
  if (source) {
    end = (await db().snapshot.findFirstOrThrow({ orderBy: { takenAt: "desc" } })).takenAt;
    results.push([`retention: SYNTHETIC history from ${source}`, `${await db().snapshot.count()} snapshots, ${await db().host.count()} hosts`]);
  } else {
    const started = performance.now();
    const history = await writeSyntheticHistory({ hosts, days });
    end = history.to;
    results.push([
      `retention: write SYNTHETIC history, ${hosts} hosts × ${days} days of 5-min polls`,
      `${history.snapshots} snapshots in ${((performance.now() - started) / 1000).toFixed(0)} s`,
    ]);
  }
  await db().$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  const before = fileBytes(file);
  const snapshotsBefore = await db().snapshot.count();
  results.push(["  database before retention", `${mb(before)} (${((before / snapshotsBefore / 1e3) as number).toFixed(1)} kB per snapshot)`]);

  // An older database (auto_vacuum off) needs the one-off VACUUM of `npm run db:compact` to give space back.
  if ((await databaseSpace()).autoVacuum !== "incremental") {
    const started = performance.now();
    await db().$executeRawUnsafe("PRAGMA auto_vacuum = INCREMENTAL");
    await db().$executeRawUnsafe("VACUUM");
    results.push(["  one-off VACUUM to auto_vacuum=INCREMENTAL (blocks)", `${((performance.now() - started) / 1000).toFixed(1)} s`]);
  }

  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let started = performance.now();
  const pass = await runRetentionPass({ now: new Date(end.getTime() + 60_000), policy: { keepFullDays: 14, keepHourlyDays: 90 }, graceMs: 0 });
  const passMs = performance.now() - started;
  const afterPass = fileBytes(file);
  started = performance.now();
  const pages = await reclaimFreePages();
  const reclaimMs = performance.now() - started;
  delay.disable();
  const after = fileBytes(file);
  const snapshotsAfter = await db().snapshot.count();
  results.push([
    "  retention pass (14 days full, then hourly)",
    `${(passMs / 1000).toFixed(1)} s: ${pass.snapshotsRemoved} of ${snapshotsBefore} snapshots removed, ${pass.partsHandedOver} shared parts handed over`,
  ]);
  results.push(["  database after the pass (freed pages still inside)", mb(afterPass)]);
  results.push(["  incremental_vacuum of the freed pages", `${(reclaimMs / 1000).toFixed(1)} s, ${pages} pages`]);
  results.push(["  database after retention", `${mb(after)} (${snapshotsAfter} snapshots, ${((after / snapshotsAfter / 1e3) as number).toFixed(1)} kB each)`]);
  results.push(["  longest event-loop block during pass + vacuum", `${(delay.max / 1e6).toFixed(0)} ms`]);
}

// As a command (just this section): node --conditions=react-server --import tsx scripts/bench/retentionBench.mts
if (process.argv[1] && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  const os = await import("node:os");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ballast-bench-retention-"));
  const results: Results = [];
  try {
    await benchRetention(results, dir);
  } finally {
    const width = Math.max(...results.map(([label]) => label.length));
    for (const [label, value] of results) console.log(`${label.padEnd(width)}  ${value}`);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  process.exit(0);
}
