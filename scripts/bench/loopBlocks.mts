// Block attribution aid (issue 14 item 4): runs the poller's path (pollHost: collect, parse, validate,
// save, aggregates) against a FAKE 1,250-image engine in this process and prints every event-loop gap
// over 20 ms with the phase it fell in. Run with --cpu-prof to see which functions hold the loop:
//   node --conditions=react-server --import tsx scripts/bench/loopBlocks.mts [polls]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ballast-blocks-"));
process.env.DATABASE_URL = `file:${path.join(dir, "blocks.db")}`;
const { migrateDatabase } = await import("../../lib/store/databaseUrl");
migrateDatabase();
const { startFakeEngineServer } = await import("../../tests/support/fakeEngineServer");
const { largeEngineRoutes } = await import("./fakeLargeEngine");
const { createHost } = await import("../../lib/store/hosts");
const { pollHost } = await import("../../lib/poller/pollHost");

const fake = await startFakeEngineServer(largeEngineRoutes());
const host = await createHost({ name: "blocks-fake-1250", endpoint: fake.endpoint });

let phase = "idle";
const gaps: { phase: string; ms: number }[] = [];
let last = performance.now();
const ticker = setInterval(() => {
  const now = performance.now();
  if (now - last > 20) gaps.push({ phase, ms: now - last });
  last = now;
}, 1);

const polls = Number(process.argv[2] ?? 3);
for (let i = 0; i < polls; i += 1) {
  phase = `poll ${i + 1}${i === 0 ? " (cold)" : ""}`;
  const start = performance.now();
  const result = await pollHost(host, { cadence: false });
  console.log(`${phase}: ${(performance.now() - start).toFixed(0)} ms, ok=${result.ok}`);
}
clearInterval(ticker);
for (const gap of gaps) console.log(`  block ${gap.ms.toFixed(0)} ms in ${gap.phase}`);
await fake.close();
fs.rmSync(dir, { recursive: true, force: true });
process.exit(0);
