// The SYNTHETIC fleet the report rows read: 20 hosts × 30 days of 5-minute polls. One host's month
// (8,640 polls) is written poll by poll through the real store (syntheticHistory.mts, issue 12), then
// copied at the SQL level to 20 hosts (cloneHosts.mts): writing all 172,800 polls takes hours on 2
// shared cores. Built once and cached under .test-env/bench (about 10–25 min); each run works on a copy.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { cloneHosts } from "./cloneHosts.mts";

const root = path.resolve(import.meta.dirname, "../..");
export const FLEET = { hosts: 20, written: 1, days: 30 };

export type Fleet = { hosts: number; from: Date; to: Date; snapshots: number };

/** Copies the cached fleet database (building it first when missing) to `dbFile`. */
export function syntheticFleet(dbFile: string): Fleet {
  const cached = path.join(root, ".test-env/bench", `fleet-${FLEET.hosts}x${FLEET.days}d.db`);
  if (!fs.existsSync(cached)) {
    const building = `${cached}.building`;
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${building}${suffix}`, { force: true });
    fs.mkdirSync(path.dirname(cached), { recursive: true });
    console.error(`[bench] writing the SYNTHETIC history of ${FLEET.written} hosts × ${FLEET.days} days through the store (cached for later runs)…`);
    execFileSync(
      process.execPath,
      [
        "--conditions=react-server",
        "--import",
        "tsx",
        path.join(import.meta.dirname, "syntheticHistory.mts"),
        "--db",
        building,
        "--hosts",
        String(FLEET.written),
        "--days",
        String(FLEET.days),
      ],
      { stdio: ["ignore", "inherit", "inherit"], cwd: root },
    );
    cloneHosts(building, FLEET.hosts);
    fs.renameSync(building, cached);
  }
  fs.copyFileSync(cached, dbFile);
  const sqlite = new Database(dbFile, { readonly: true });
  const span = sqlite.prepare(`SELECT MIN(takenAt) AS first, MAX(takenAt) AS last, COUNT(*) AS n FROM "Snapshot"`).get() as {
    first: string;
    last: string;
    n: number;
  };
  const hosts = (sqlite.prepare(`SELECT COUNT(*) AS n FROM "Host"`).get() as { n: number }).n;
  sqlite.close();
  // The last poll's bytes hold for one interval: the month is [first poll, last poll + 5 min).
  return { hosts, from: new Date(span.first), to: new Date(Date.parse(span.last) + 300_000), snapshots: span.n };
}

/** The cached fleet migrated to this checkout's newest migration and packed (built by run.mts on first use). */
export function preparedFleetFile(): string {
  const newest = fs
    .readdirSync(path.join(root, "prisma/migrations"))
    .filter((name) => /^\d/.test(name))
    .sort()
    .at(-1);
  return path.join(root, ".test-env/bench", `fleet-${FLEET.hosts}x${FLEET.days}d.${newest}.prepared.db`);
}
