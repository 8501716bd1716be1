import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/store/applyMigrations.mjs";

// Issue 8 keys image and layer facts by host. A database from before that, where two hosts shared one
// Image row and one Layer row, must come out with a copy of each on each host that used it, first-seen
// and last-used times taken from the snapshots (including those sharing their image rows via imagesFromId).

const migrationsDir = path.join(process.cwd(), "prisma", "migrations");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ballast-per-host-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A folder with the migrations before `name` (or through it, when `through`). */
function migrationsUpTo(name: string, through = false): string {
  const only = path.join(dir, through ? "through" : "before");
  for (const migration of fs.readdirSync(migrationsDir).filter((entry) => /^\d+_/.test(entry))) {
    if (migration.endsWith(name) && !through) break;
    fs.mkdirSync(path.join(only, migration), { recursive: true });
    fs.copyFileSync(path.join(migrationsDir, migration, "migration.sql"), path.join(only, migration, "migration.sql"));
    if (migration.endsWith(name)) break;
  }
  return only;
}

const T = (iso: string) => Date.parse(iso);
const IMG = `sha256:${"1".repeat(64)}`;
const CHAIN = `sha256:${"2".repeat(64)}`;

describe("per-host facts migration", () => {
  const file = path.join(dir, "old.db");

  it("copies each image and layer to every host whose snapshots used it", () => {
    applyMigrations({ databasePath: file, migrationsDir: migrationsUpTo("_per_host_facts") });
    const old = new Database(file);
    const run = (sql: string, ...args: unknown[]) => old.prepare(sql).run(...args);
    run(`INSERT INTO "Host" (id, name, endpoint) VALUES ('h1', 'a', 'unix:///a'), ('h2', 'b', 'unix:///b'), ('h3', 'idle', 'unix:///c')`);
    run(
      `INSERT INTO "Snapshot" (id, hostId, takenAt, status) VALUES ('s1', 'h1', ?, 'ok'), ('s3', 'h2', ?, 'ok')`,
      T("2026-01-01T00:00:00Z"),
      T("2026-01-05T00:00:00Z"),
    );
    // s2 shares s1's image rows (same content a day later).
    run(`INSERT INTO "Snapshot" (id, hostId, takenAt, status, imagesFromId) VALUES ('s2', 'h1', ?, 'ok', 's1')`, T("2026-01-02T00:00:00Z"));
    run(
      `INSERT INTO "Image" (id, createdAt, chainJson, diffIdsJson, sizeBytes, historyJson) VALUES (?, ?, ?, ?, 10, '[]')`,
      IMG,
      T("2025-06-01T00:00:00Z"),
      JSON.stringify([CHAIN]),
      JSON.stringify([CHAIN]),
    );
    run(`INSERT INTO "Layer" (chainId, diffId, sizeBytes) VALUES (?, ?, 10)`, CHAIN, CHAIN);
    run(`INSERT INTO "SnapshotImage" (snapshotId, imageId, dangling, intermediate, containers) VALUES ('s1', ?, 0, 0, 1), ('s3', ?, 0, 0, 0)`, IMG, IMG);
    old.close();

    // Through this migration only: issue 14's image_parts later turns SnapshotImage rows into SnapshotImagePart.
    expect(
      applyMigrations({ databasePath: file, migrationsDir: migrationsUpTo("_per_host_facts", true) }).some((name) => name.endsWith("_per_host_facts")),
    ).toBe(true);
    const after = new Database(file);
    expect(after.prepare(`SELECT hostId, id, firstSeenAt, lastUsedAt, sizeBytes FROM "Image" ORDER BY hostId`).all()).toEqual([
      { hostId: "h1", id: IMG, firstSeenAt: T("2026-01-01T00:00:00Z"), lastUsedAt: T("2026-01-02T00:00:00Z"), sizeBytes: 10 },
      { hostId: "h2", id: IMG, firstSeenAt: T("2026-01-05T00:00:00Z"), lastUsedAt: null, sizeBytes: 10 },
    ]);
    expect(after.prepare(`SELECT hostId, chainId FROM "Layer" ORDER BY hostId`).all()).toEqual([
      { hostId: "h1", chainId: CHAIN },
      { hostId: "h2", chainId: CHAIN },
    ]);
    expect(after.prepare(`SELECT snapshotId, hostId FROM "SnapshotImage" ORDER BY snapshotId`).all()).toEqual([
      { snapshotId: "s1", hostId: "h1" },
      { snapshotId: "s3", hostId: "h2" },
    ]);
    expect(after.prepare(`PRAGMA foreign_key_check`).all()).toEqual([]);
    after.close();
  });
});
