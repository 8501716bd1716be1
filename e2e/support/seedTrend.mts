// Seeds three hosts with days of history through Ballast's real store, for the trend tests on Reports
// and the host page: trend-steady (polled every 4 h for 100 h, +1 GB a day), trend-moved (the same,
// but another engine answers from 30 h ago: a new series, a step) and trend-new (added 30 min ago:
// not enough history yet). Run as: node --conditions=react-server --import tsx e2e/support/seedTrend.mts <seed|remove>
// Endpoints are loopback port 9 (refused), scheduled a day ahead, so the running poller leaves them be.
import path from "node:path";
import { createHost } from "@/lib/store/hosts";
import { deleteHost } from "@/lib/store/hostChanges";
import { db } from "@/lib/store/db";
import { saveSnapshot } from "@/lib/store/snapshotWriter";
import { buildSnapshot } from "@/tests/support/snapshotBuilder";

process.env.DATABASE_URL ??= `file:${path.join(process.cwd(), ".test-env", "e2e", "ballast.db")}`;
const [mode] = process.argv.slice(2);
const GB = 1_000_000_000;
const HOUR = 3_600_000;

for (const host of await db().host.findMany({ where: { name: { startsWith: "trend-" } }, select: { id: true } })) await deleteHost(host.id);

/** One good poll: a 2 GB image, and a volume of `volumeBytes`, answered by engine `engineId`. */
function poll(takenAt: number, volumeBytes: number, engineId: string) {
  const snapshot = buildSnapshot({
    takenAt: new Date(takenAt).toISOString(),
    images: [{ name: "base", layers: [{ diff: "base", size: 2 * GB }] }],
    volumes: [{ name: "data", sizeBytes: Math.round(volumeBytes), refCount: 1 }],
  });
  return { ...snapshot, engine: { ...snapshot.engine, id: engineId } };
}

const seeded: { name: string; id: string }[] = [];
if (mode === "seed") {
  const now = Date.now();
  const hosts = [
    {
      name: "trend-steady",
      times: 26,
      at: (n: number) => now - 100 * HOUR + n * 4 * HOUR,
      engine: () => "STEADY",
      bytes: (t: number) => 10 * GB + ((t - now) / (24 * HOUR)) * GB + 5 * GB,
    },
    {
      name: "trend-moved",
      times: 26,
      at: (n: number) => now - 100 * HOUR + n * 4 * HOUR,
      engine: (t: number) => (t < now - 30 * HOUR ? "OLD" : "NEW"),
      bytes: (t: number) => (t < now - 30 * HOUR ? 40 * GB : 3 * GB),
    },
    { name: "trend-new", times: 2, at: (n: number) => now - 30 * 60_000 + n * 20 * 60_000, engine: () => "YOUNG", bytes: () => GB },
  ];
  for (const spec of hosts) {
    const host = await createHost({ name: spec.name, endpoint: "tcp://127.0.0.1:9", pollIntervalSec: 86_400 });
    await db().host.update({ where: { id: host.id }, data: { nextPollAt: new Date(now + 86_400_000) } });
    for (let n = 0; n < spec.times; n++) {
      const t = Math.min(spec.at(n), now - 60_000);
      await saveSnapshot(host.id, poll(t, spec.bytes(t), spec.engine(t)));
    }
    seeded.push({ name: spec.name, id: host.id });
  }
}
console.log(JSON.stringify(seeded));
process.exit(0);
