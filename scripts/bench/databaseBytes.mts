// Database size as the bench measures it: pages in use after a WAL checkpoint, so growth per poll is
// what the rows take, not what SQLite has reserved. No store imports: safe before DATABASE_URL is set.
import Database from "better-sqlite3";

/** Bytes of pages in use in the SQLite file, after a checkpoint (what the file needs, free pages apart). */
export function databaseBytes(file: string): number {
  const sqlite = new Database(file);
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  const pages = (sqlite.pragma("page_count", { simple: true }) as number) - (sqlite.pragma("freelist_count", { simple: true }) as number);
  const bytes = pages * (sqlite.pragma("page_size", { simple: true }) as number);
  sqlite.close();
  return bytes;
}

/** Bytes of pages in use per table, its indexes included (SQLite's dbstat), after a checkpoint. */
export function databaseBytesByTable(file: string): Map<string, number> {
  const sqlite = new Database(file);
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  const rows = sqlite
    .prepare(
      `SELECT coalesce(m."tbl_name", d."name") AS "table", sum(d."pgsize") AS bytes FROM dbstat d LEFT JOIN sqlite_master m ON m."name" = d."name" GROUP BY 1`,
    )
    .all() as { table: string; bytes: number }[];
  sqlite.close();
  return new Map(rows.map((row) => [row.table, row.bytes]));
}
