#!/usr/bin/env node
// Applies pending migrations to DATABASE_URL (default: the embedded SQLite file under data/).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { configProblemsMessage, parseConfig } from "../lib/configSchema.mjs";
import { applyMigrations, sqlitePathFromUrl } from "../lib/store/applyMigrations.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const checked = parseConfig(process.env);
if (!checked.ok) {
  console.error(configProblemsMessage(checked.problems));
  process.exit(2);
}
const databasePath = sqlitePathFromUrl(checked.config.DATABASE_URL, root);
const applied = applyMigrations({ databasePath, migrationsDir: path.join(root, "prisma", "migrations") });
console.log(applied.length ? `Applied migrations to ${databasePath}: ${applied.join(", ")}` : `Database ${databasePath} is up to date`);
