import "server-only";
import path from "node:path";
import { config } from "@/lib/config";
import { applyMigrations, sqlitePathFromUrl } from "./applyMigrations.mjs";

/** The SQLite file DATABASE_URL names (lib/config.ts; relative paths from the working directory). */
export function databasePath(): string {
  return sqlitePathFromUrl(config().DATABASE_URL, process.cwd()) as string;
}

/** Applies pending migrations to the configured database (idempotent, fast when up to date). */
export function migrateDatabase(): string[] {
  return applyMigrations({ databasePath: databasePath(), migrationsDir: path.join(process.cwd(), "prisma", "migrations") }) as string[];
}
