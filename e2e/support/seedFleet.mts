// Seeds the e2e database with a fleet of hosts through Ballast's real store (createHost, saveSnapshot,
// recordPollOutcome), so the 50-host UI test reads what 50 polled hosts would leave — without 50 engines.
// Run as: node --conditions=react-server --import tsx e2e/support/seedFleet.mts <seed|remove> <count>
// Prints the seeded hosts' expected figures as JSON. Hosts are named fleet-NN; endpoints are loopback
// port 9 (refused) and scheduled a day ahead, so the running poller leaves them as seeded.
// Most hosts were polled 26 h ago too (present for the fleet page's whole day); every tenth, from
// fleet-04 on, only since 2 h ago: added, a step. Every tenth from fleet-01 on has agent disk figures
// whose used bytes grow (i + 1) GB a day on a 200 GB data root: a fill date by the one rule.
import path from "node:path";
import { createHost } from "@/lib/store/hosts";
import { deleteHost } from "@/lib/store/hostChanges";
import { db } from "@/lib/store/db";
import { recordPollOutcome } from "@/lib/store/hostPollState";
import { saveSnapshot } from "@/lib/store/snapshotWriter";
import type { HostSnapshot } from "@/lib/collect/schema";
import { buildSnapshot } from "@/tests/support/snapshotBuilder";

process.env.DATABASE_URL ??= `file:${path.join(process.cwd(), ".test-env", "e2e", "ballast.db")}`;
const [mode, countText] = process.argv.slice(2);
const count = Number(countText ?? 50);
const name = (i: number) => `fleet-${String(i + 1).padStart(2, "0")}`;
const MB = 1_000_000;
const GB = 1_000_000_000;
const HOUR = 3_600_000;

/** Every tenth host (fleet-01, -11, …) as an agent saw it: its data root's used bytes grow (i + 1) GB a day. */
function withDisk(i: number, snapshot: HostSnapshot, sinceFirstMs: number): HostSnapshot {
  if (i % 10 !== 0) return snapshot;
  const usedBytes = Math.round(50 * GB + ((i + 1) * GB * sinceFirstMs) / (24 * HOUR));
  const disk = { path: "/var/lib/docker", sizeBytes: 200 * GB, usedBytes, freeBytes: 200 * GB - usedBytes, freeInodes: 1_000_000 };
  return { ...snapshot, agent: { version: "seed", protocol: 1 }, disk, disks: [disk] };
}

for (const host of await db().host.findMany({ where: { name: { startsWith: "fleet-" } }, select: { id: true } })) await deleteHost(host.id);

const seeded: { name: string; totalBytes: number; status: string }[] = [];
if (mode === "seed") {
  const now = Date.now();
  for (let i = 0; i < count; i++) {
    const host = await createHost({ name: name(i), endpoint: "tcp://127.0.0.1:9", pollIntervalSec: 86_400 });
    // Scheduled a day ahead at once, so the running poller does not try it while it is being seeded.
    await db().host.update({ where: { id: host.id }, data: { nextPollAt: new Date(now + 86_400_000) } });
    // Two good polls two hours apart: the second has grown by i MB of volume data.
    const spec = (grown: number, takenAt: number) =>
      buildSnapshot({
        takenAt: new Date(takenAt).toISOString(),
        images: [
          // Two versions of one base across the fleet (debian:12.0 and 12.1) on the same first layer.
          {
            name: `debian-${i % 2}`,
            tags: [`debian:12.${i % 2}`],
            layers: [
              { diff: "debian-12", size: 80 * MB },
              { diff: `debian-12.${i % 2}`, size: 5 * MB },
            ],
          },
          {
            name: `app-${i % 5}`,
            layers: [
              { diff: "debian-12", size: 80 * MB },
              { diff: `app-${i % 5}`, size: (i + 1) * MB },
            ],
          },
        ],
        volumes: [{ name: "data", sizeBytes: 10 * MB + grown, refCount: 1 }],
      });
    const added = i % 10 === 3;
    const times = added ? [now - 2 * HOUR, now - 60_000] : [now - 26 * HOUR, now - 2 * HOUR, now - 60_000];
    let last = spec(0, times[0]);
    for (const [n, takenAt] of times.entries()) {
      last = withDisk(i, spec(n === times.length - 1 ? (i + 1) * MB : 0, takenAt), takenAt - times[0]);
      await saveSnapshot(host.id, last);
    }
    // Every tenth host's last poll failed: unreachable (refused); the others are ok.
    const failure = i % 10 === 9 ? { code: "refused", message: "Cannot reach tcp://127.0.0.1:9 (ECONNREFUSED)" } : null;
    await recordPollOutcome(host.id, { at: new Date(now), failure, engineId: failure ? null : `FLEET-${i}`, random: 0.5 });
    seeded.push({ name: name(i), totalBytes: last.layersSizeBytes + 10 * MB + (i + 1) * MB, status: failure ? "unreachable" : "ok" });
  }
}
console.log(JSON.stringify(seeded));
process.exit(0);
