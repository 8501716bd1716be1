import "server-only";
import fs from "node:fs";
import { databasePath } from "./databaseUrl";
import { db } from "./db";

// How much disk the database takes, and giving back what retention freed. SQLite keeps deleted pages
// in the file (its freelist) for reuse; only with auto_vacuum = INCREMENTAL (new databases, see
// applyMigrations.mjs) can they be returned a few at a time. A full VACUUM would rewrite the whole file
// in one statement and block the server for as long (better-sqlite3 runs on the event loop).

export type AutoVacuum = "none" | "full" | "incremental";
export type DatabaseSpace = { fileBytes: number; freeBytes: number; autoVacuum: AutoVacuum };

const MODES: AutoVacuum[] = ["none", "full", "incremental"];

async function pragmaNumber(name: string): Promise<number> {
  const rows = await db().$queryRawUnsafe<Record<string, bigint | number>[]>(`PRAGMA ${name}`);
  return Number(Object.values(rows[0] ?? {})[0] ?? 0);
}

const sizeOf = (file: string) => (fs.existsSync(file) ? fs.statSync(file).size : 0);

/** The database's size on disk (with its write-ahead log) and the free pages inside it. */
export async function databaseSpace(): Promise<DatabaseSpace> {
  const file = databasePath();
  const [pageSize, freePages, mode] = await Promise.all([pragmaNumber("page_size"), pragmaNumber("freelist_count"), pragmaNumber("auto_vacuum")]);
  return { fileBytes: sizeOf(file) + sizeOf(`${file}-wal`), freeBytes: freePages * pageSize, autoVacuum: MODES[mode] ?? "none" };
}

/**
 * Returns free pages to the file system, up to `pagesPerStep` per transaction with `pause` between, then
 * truncates the write-ahead log. Does nothing unless auto_vacuum is INCREMENTAL. Returns the pages freed.
 */
export async function reclaimFreePages(options: { pagesPerStep?: number; pause?: () => Promise<void> } = {}): Promise<number> {
  if ((await pragmaNumber("auto_vacuum")) !== 2) return 0;
  const step = options.pagesPerStep ?? 100;
  let freed = 0;
  for (let free = await pragmaNumber("freelist_count"); free > 0; free = await pragmaNumber("freelist_count")) {
    const pages = Math.min(step, free);
    // The driver steps a statement without result columns once, and each step of incremental_vacuum
    // frees one page: one statement per page, many per transaction (one commit, not one per page).
    await db().$transaction(async (tx) => {
      for (let i = 0; i < pages; i += 1) await tx.$executeRawUnsafe("PRAGMA incremental_vacuum(1)");
    });
    freed += pages;
    await (options.pause ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 1))))();
  }
  // The moved pages went through the log: checkpoint it and cut it back to nothing.
  await db().$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  return freed;
}
