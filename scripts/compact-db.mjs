#!/usr/bin/env node
// `npm run db:compact`, with Ballast stopped: rewrites DATABASE_URL's SQLite file once with
// auto_vacuum = INCREMENTAL (VACUUM), so that from then on the space retention frees goes back to the
// file system after each pass. Databases created since retention exists have it already. VACUUM copies
// the whole file and holds the database for as long (1.7 s for a 39 MB file on a busy 2-core machine here), which is why the
// server never runs it itself.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { configProblemsMessage, parseConfig } from "../lib/configSchema.mjs";
import { sqlitePathFromUrl } from "../lib/store/applyMigrations.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const checked = parseConfig(process.env);
if (!checked.ok) {
  console.error(configProblemsMessage(checked.problems));
  process.exit(2);
}
const file = sqlitePathFromUrl(checked.config.DATABASE_URL, root);
if (!fs.existsSync(file)) {
  console.error(`No database at ${file}`);
  process.exit(1);
}
const size = () => [file, `${file}-wal`].reduce((sum, f) => sum + (fs.existsSync(f) ? fs.statSync(f).size : 0), 0);
const before = size();
// busy_timeout 0: a running Ballast holds the database; say so instead of waiting on it.
const db = new Database(file, { timeout: 0 });
const started = Date.now();
try {
  db.pragma("auto_vacuum = INCREMENTAL");
  db.exec("VACUUM");
  db.pragma("wal_checkpoint(TRUNCATE)");
} catch (error) {
  console.error(`Could not compact ${file}: ${error.message} (stop Ballast first)`);
  process.exit(1);
} finally {
  db.close();
}
console.log(
  `Compacted ${file}: ${(before / 1e6).toFixed(1)} MB → ${(size() / 1e6).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s; auto_vacuum = INCREMENTAL`,
);
