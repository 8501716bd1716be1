import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { snapshotAggregates } from "@/lib/analysis/snapshotAggregates";
import type { HostSnapshot } from "@/lib/collect/schema";
import { applyMigrations } from "@/lib/store/applyMigrations.mjs";
import { db, resetDb } from "@/lib/store/db";
import { aggregateRowsHash, aggregateRowsOver, packAggregateRows, saveAggregates } from "@/lib/store/snapshotAggregates";

// Issue 14's aggregate_deltas migration adds SnapshotAggregate.depth: every row stored before is a key's
// full rows (depth 0). Written as the old store wrote them, migrated, then read through the real store:
// every snapshot's rows in force read back as before, and the next poll is stored as a delta on top.

const migrationsDir = path.join(process.cwd(), "prisma", "migrations");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ballast-aggregate-deltas-"));
afterAll(async () => {
  await resetDb();
  fs.rmSync(dir, { recursive: true, force: true });
});

function migrationsBefore(name: string): string {
  const only = path.join(dir, "before");
  for (const migration of fs.readdirSync(migrationsDir).filter((entry) => /^\d+_/.test(entry))) {
    if (migration.endsWith(name)) break;
    fs.mkdirSync(path.join(only, migration), { recursive: true });
    fs.copyFileSync(path.join(migrationsDir, migration, "migration.sql"), path.join(only, migration, "migration.sql"));
  }
  return only;
}

const scene = JSON.parse(fs.readFileSync("tests/fixtures/scene-20.10.json", "utf8")) as HostSnapshot;
const iso = (at: Date) => at.toISOString().replace("Z", "+00:00");
const START = Date.parse("2026-11-01T00:00:00Z");

/** Poll `i`: one container's writable layer grows. */
function pollAt(i: number): HostSnapshot {
  const copy = structuredClone(scene);
  copy.takenAt = new Date(START + i * 300_000).toISOString();
  copy.containers[0].writableBytes += i * 4096;
  return copy;
}

describe("aggregate_deltas migration", () => {
  const file = path.join(dir, "old.db");
  const polls = [0, 1, 2].map(pollAt);

  it("keeps every stored row readable as full rows, and the next poll writes a delta on top", async () => {
    applyMigrations({ databasePath: file, migrationsDir: migrationsBefore("_aggregate_deltas") });
    const old = new Database(file);
    const run = (sql: string, ...args: unknown[]) => old.prepare(sql).run(...args);
    run(`INSERT INTO "Host" (id, name, endpoint) VALUES ('h1', 'scene', 'unix:///a')`);
    // As the old writer stored them: per snapshot, the keys whose rows changed, in full.
    const inForce = new Map<string, string>();
    for (const [index, poll] of polls.entries()) {
      const id = `s${index}`;
      const at = iso(new Date(poll.takenAt));
      run(`INSERT INTO "Snapshot" (id, hostId, takenAt, status, aggregatesVersion) VALUES (?, 'h1', ?, 'ok', 1)`, id, at);
      for (const [key, rows] of snapshotAggregates(poll)) {
        const hash = aggregateRowsHash(rows);
        if (inForce.get(key) === hash) continue;
        inForce.set(key, hash);
        run(
          `INSERT INTO "SnapshotAggregate" (snapshotId, hostId, takenAt, key, rows, hash) VALUES (?, 'h1', ?, ?, ?, ?)`,
          id,
          at,
          key,
          Buffer.from(packAggregateRows(rows)),
          hash,
        );
      }
    }
    for (const [key, hash] of inForce) run(`INSERT INTO "AggregateInForce" (hostId, key, hash) VALUES ('h1', ?, ?)`, key, hash);
    const before = old.prepare(`SELECT count(*) AS n FROM "SnapshotAggregate"`).get() as { n: number };
    expect(before.n).toBeGreaterThan(snapshotAggregates(polls[0]).size);
    old.close();

    expect(applyMigrations({ databasePath: file, migrationsDir }).some((name) => name.endsWith("_aggregate_deltas"))).toBe(true);
    const after = new Database(file);
    expect(after.prepare(`SELECT count(*) AS n, max(depth) AS deepest FROM "SnapshotAggregate"`).get()).toEqual({ n: before.n, deepest: 0 });
    after.close();

    process.env.DATABASE_URL = `file:${file}`;
    await resetDb();
    const inForceAt = async (key: string, at: number) => {
      const { start, inside } = await aggregateRowsOver("h1", key, at, at + 1);
      return inside.length > 0 ? inside.at(-1)!.rows : start;
    };
    const next = pollAt(3);
    await db().snapshot.create({ data: { id: "s3", hostId: "h1", takenAt: new Date(next.takenAt), status: "ok", aggregatesVersion: 1 } });
    await db().$transaction((tx) => saveAggregates(tx, "h1", "s3", next));
    polls.push(next);
    const container = await db().snapshotAggregate.findUniqueOrThrow({ where: { snapshotId_key: { snapshotId: "s3", key: "container" } } });
    expect(container.depth).toBe(1);
    for (const poll of polls) for (const [key, rows] of snapshotAggregates(poll)) expect(await inForceAt(key, Date.parse(poll.takenAt))).toEqual(rows);
  });
});
