import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations, readMigrations } from "@/lib/store/applyMigrations.mjs";

// A database made by the init migration alone, holding rows, must come through the approvals migration
// with every row intact, and the new audit table must refuse updates and deletes.

const migrationsDir = path.join(process.cwd(), "prisma", "migrations");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ballast-migrate-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function initOnlyDir(): string {
  const only = path.join(dir, "init-only");
  const init = fs.readdirSync(migrationsDir).find((name) => name.endsWith("_init"));
  if (!init) throw new Error("no init migration");
  fs.mkdirSync(path.join(only, init), { recursive: true });
  fs.copyFileSync(path.join(migrationsDir, init, "migration.sql"), path.join(only, init, "migration.sql"));
  return only;
}

describe("approvals migration", () => {
  const file = path.join(dir, "old.db");

  it("applies to a database from the init migration without losing rows", () => {
    expect(applyMigrations({ databasePath: file, migrationsDir: initOnlyDir() })).toHaveLength(1);
    const before = new Database(file);
    before.prepare(`INSERT INTO "Host" (id, name, endpoint) VALUES ('h1', 'local', 'unix:///var/run/docker.sock')`).run();
    before
      .prepare(`INSERT INTO "Snapshot" (id, hostId, takenAt, status, layersSizeBytes) VALUES ('s1', 'h1', ?, 'ok', 1234)`)
      .run(Date.parse("2026-01-01T00:00:00Z"));
    before.close();

    const applied = applyMigrations({ databasePath: file, migrationsDir });
    // Every migration after init applies (the approvals one first), and the old rows survive them all.
    expect(applied[0]).toMatch(/_approvals$/);
    expect(applied).toHaveLength(readMigrations(path.resolve("prisma/migrations")).length - 1);

    const after = new Database(file);
    expect(after.prepare(`SELECT name FROM "Host"`).all()).toEqual([{ name: "local" }]);
    expect(after.prepare(`SELECT id, layersSizeBytes FROM "Snapshot"`).all()).toEqual([{ id: "s1", layersSizeBytes: 1234 }]);
    after
      .prepare(
        `INSERT INTO "Suggestion" (id, hostId, snapshotId, strategy, title, reason, targetsJson, bytes, monthlyCost, risk, actionable) VALUES ('g1', 'h1', 's1', 'dangling_images', 't', 'r', '[]', 1, 0, 'low', 1)`,
      )
      .run();
    expect(after.prepare(`SELECT status FROM "Suggestion"`).get()).toEqual({ status: "open" });
    after.close();
    expect(applyMigrations({ databasePath: file, migrationsDir })).toEqual([]);
  });

  it("refuses to change or delete an audit entry", () => {
    const database = new Database(file);
    database.prepare(`INSERT INTO "AuditEntry" (id, actor, action, detailsJson) VALUES ('a1', 'admin', 'run_started', '{}')`).run();
    expect(() => database.prepare(`UPDATE "AuditEntry" SET actor = 'mallory'`).run()).toThrow(/append-only/);
    expect(() => database.prepare(`DELETE FROM "AuditEntry"`).run()).toThrow(/append-only/);
    expect(database.prepare(`SELECT actor FROM "AuditEntry"`).all()).toEqual([{ actor: "admin" }]);
    database.close();
  });
});
