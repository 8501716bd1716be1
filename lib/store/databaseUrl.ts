import path from "node:path";
import { applyMigrations, sqlitePathFromUrl } from "./applyMigrations.mjs";

/** The embedded default: a SQLite file under data/ in the working directory. */
export const DEFAULT_DATABASE_URL = "file:./data/ballast.db";

export function databasePath(env: Record<string, string | undefined> = process.env): string {
  return sqlitePathFromUrl(env.DATABASE_URL || DEFAULT_DATABASE_URL, process.cwd()) as string;
}

/** Applies pending migrations to the configured database (idempotent, fast when up to date). */
export function migrateDatabase(env: Record<string, string | undefined> = process.env): string[] {
  return applyMigrations({ databasePath: databasePath(env), migrationsDir: path.join(process.cwd(), "prisma", "migrations") }) as string[];
}
