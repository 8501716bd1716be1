// Applies pending Prisma migrations (prisma/migrations/<name>/migration.sql) to a SQLite file, the way
// `prisma migrate deploy` does, without Prisma's native schema engine (it cannot be downloaded on
// machines without internet: ARCHITECTURE.md §Prisma). It keeps Prisma's `_prisma_migrations` table
// and checksum (SHA-256 of the file) so the real CLI accepts the database later.
// Plain ESM JavaScript so that both `npm start` (node scripts/migrate.mjs) and the Next.js server
// (instrumentation.ts) can run it.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

/** `file:./data/x.db` → absolute path (relative paths are taken from `baseDir`, like Prisma's config). */
export function sqlitePathFromUrl(url, baseDir = process.cwd()) {
  if (!url.startsWith("file:")) throw new Error(`DATABASE_URL must be a SQLite file: URL (got "${url}")`);
  const file = url.slice("file:".length).split("?")[0];
  return path.isAbsolute(file) ? file : path.resolve(baseDir, file);
}

/** Migration folders in order (Prisma names them <timestamp>_<name>, so a string sort is their order). */
export function readMigrations(migrationsDir) {
  if (!fs.existsSync(migrationsDir)) return [];
  return fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(migrationsDir, entry.name, "migration.sql")))
    .map((entry) => {
      const sql = fs.readFileSync(path.join(migrationsDir, entry.name, "migration.sql"), "utf8");
      return { name: entry.name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Applies every migration not yet recorded as finished, each in its own transaction, and returns the
 * names applied. Refuses (throws) when an applied migration's file changed or a previous one failed
 * half-way, as `prisma migrate deploy` does: both need a person, never a silent fix.
 */
export function applyMigrations({ databasePath, migrationsDir }) {
  fs.mkdirSync(path.dirname(databasePath), { recursive: true });
  const db = new Database(databasePath);
  try {
    // A new database frees disk space as retention deletes snapshots (PRAGMA incremental_vacuum, see
    // lib/store/databaseSpace.ts). SQLite takes this only before the first table; an older database
    // needs a one-off VACUUM for it (`npm run db:compact`, with Ballast stopped).
    if (db.prepare(`SELECT count(*) AS n FROM sqlite_master`).get().n === 0) db.pragma("auto_vacuum = INCREMENTAL");
    db.pragma("journal_mode = WAL");
    db.pragma("busy_timeout = 5000");
    db.exec(MIGRATIONS_TABLE);
    const rows = db.prepare(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`).all();
    const failed = rows.find((row) => row.finished_at === null && row.rolled_back_at === null);
    if (failed) throw new Error(`Migration ${failed.migration_name} failed earlier and needs a person to resolve it`);
    const applied = new Map(rows.filter((row) => row.rolled_back_at === null).map((row) => [row.migration_name, row]));
    const done = [];
    for (const migration of readMigrations(migrationsDir)) {
      const previous = applied.get(migration.name);
      if (previous) {
        if (previous.checksum !== migration.checksum) {
          throw new Error(`Migration ${migration.name} was changed after it was applied (checksum differs)`);
        }
        continue;
      }
      const startedAt = new Date().toISOString();
      const id = crypto.randomUUID();
      // Foreign keys off while a migration runs, checked before it commits (SQLite's own recipe for
      // schema changes): PRAGMA foreign_keys is a no-op inside a transaction, so Prisma's table rebuilds
      // (DROP TABLE + rename) would otherwise cascade-delete every row that points at the old table.
      db.pragma("foreign_keys = OFF");
      try {
        db.transaction(() => {
          db.exec(migration.sql);
          const broken = db.pragma("foreign_key_check");
          if (broken.length > 0) throw new Error(`Migration ${migration.name} leaves ${broken.length} rows pointing at nothing (first in ${broken[0].table})`);
          db.prepare(
            `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
           VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
          ).run(id, migration.checksum, new Date().toISOString(), migration.name, startedAt);
        })();
      } finally {
        db.pragma("foreign_keys = ON");
      }
      done.push(migration.name);
    }
    return done;
  } finally {
    db.close();
  }
}
