import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applyMigrations, readMigrations, sqlitePathFromUrl } from "@/lib/store/applyMigrations.mjs";

let dir: string;
const write = (name: string, sql: string) => {
  fs.mkdirSync(path.join(dir, "migrations", name), { recursive: true });
  fs.writeFileSync(path.join(dir, "migrations", name, "migration.sql"), sql);
};
const run = () => applyMigrations({ databasePath: path.join(dir, "db", "t.db"), migrationsDir: path.join(dir, "migrations") });
const open = () => new Database(path.join(dir, "db", "t.db"));

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ballast-mig-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("applyMigrations", () => {
  it("upgrades an existing database in order without losing its rows", () => {
    write("20260101000000_init", 'CREATE TABLE "Host" ("id" TEXT PRIMARY KEY, "name" TEXT NOT NULL);');
    expect(run()).toEqual(["20260101000000_init"]);
    open().prepare(`INSERT INTO "Host" VALUES ('h1', 'prod')`).run();
    write("20260201000000_price", 'ALTER TABLE "Host" ADD COLUMN "price" REAL;\nCREATE INDEX "Host_name" ON "Host"("name");');
    expect(run()).toEqual(["20260201000000_price"]);
    expect(run()).toEqual([]);
    const db = open();
    expect(db.prepare(`SELECT id, name, price FROM "Host"`).all()).toEqual([{ id: "h1", name: "prod", price: null }]);
    const recorded = db.prepare(`SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`).all() as {
      checksum: string;
      finished_at: string;
    }[];
    expect(recorded.map((row) => row.checksum)).toEqual(readMigrations(path.join(dir, "migrations")).map((m: { checksum: string }) => m.checksum));
    expect(recorded.every((row) => row.finished_at)).toBe(true);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
  });

  it("rolls back a failing migration whole and refuses to go on past it", () => {
    write("20260101000000_init", 'CREATE TABLE "A" ("id" TEXT PRIMARY KEY);');
    write("20260201000000_bad", 'CREATE TABLE "B" ("id" TEXT);\nTHIS IS NOT SQL;');
    expect(() => run()).toThrow();
    const tables = open().prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('A', 'B')`).all();
    expect(tables).toEqual([{ name: "A" }]);
  });

  it("refuses a migration that was edited after it was applied", () => {
    write("20260101000000_init", 'CREATE TABLE "A" ("id" TEXT PRIMARY KEY);');
    run();
    write("20260101000000_init", 'CREATE TABLE "A" ("id" TEXT PRIMARY KEY, "x" TEXT);');
    expect(() => run()).toThrow(/changed after it was applied/);
  });

  it("applies the project's real migrations to an empty database", () => {
    const applied = applyMigrations({ databasePath: path.join(dir, "real.db"), migrationsDir: path.resolve("prisma/migrations") });
    expect(applied.length).toBeGreaterThan(0);
    const tables = new Database(path.join(dir, "real.db")).prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[];
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(["Host", "Snapshot", "Image", "Layer", "_prisma_migrations"]));
  });

  it("resolves relative SQLite URLs from the project folder", () => {
    expect(sqlitePathFromUrl("file:./data/b.db", "/srv/ballast")).toBe("/srv/ballast/data/b.db");
    expect(sqlitePathFromUrl("file:/abs/b.db")).toBe("/abs/b.db");
    expect(() => sqlitePathFromUrl("postgres://x")).toThrow(/SQLite file/);
  });
});
