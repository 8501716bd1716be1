import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrateDatabase } from "@/lib/store/databaseUrl";
import { resetDb } from "@/lib/store/db";

/**
 * Points the store at a fresh, migrated SQLite file of its own (a real file, WAL mode, like
 * production). Call in beforeAll; the returned function removes it.
 */
export async function useFreshDatabase(): Promise<{ file: string; cleanup: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ballast-db-"));
  const file = path.join(dir, "test.db");
  process.env.DATABASE_URL = `file:${file}`;
  await resetDb();
  migrateDatabase();
  return {
    file,
    cleanup: async () => {
      await resetDb();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
