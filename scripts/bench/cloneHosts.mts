// Makes a fleet of `total` hosts out of a database holding a few hosts' SYNTHETIC history written poll
// by poll through the real store (syntheticHistory.mts): each written host is copied at the SQL level
// under new host and snapshot ids until there are `total`. Writing 20 hosts × 30 days poll by poll takes
// hours on 2 shared cores; the copies have the same rows, so what a report reads per host is the same.
// Generic over the schema: every table with a hostId or snapshotId column is copied, with those
// columns, Host.id, Snapshot.id and every …FromId renamed; other columns are kept as they are.
import Database from "better-sqlite3";

type Column = { name: string };

export function cloneHosts(file: string, total: number): number {
  const sqlite = new Database(file);
  const tables = (
    sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite%'").all() as {
      name: string;
    }[]
  ).map((t) => t.name);
  const columnsOf = (table: string) => (sqlite.prepare(`PRAGMA table_info("${table}")`).all() as Column[]).map((c) => c.name);
  const hosts = (sqlite.prepare('SELECT id FROM "Host" ORDER BY name').all() as { id: string }[]).map((h) => h.id);
  const renamed = (table: string, column: string) =>
    ["hostId", "snapshotId", "baseId", "prevId"].includes(column) ||
    column.endsWith("FromId") ||
    ((table === "Host" || table === "Snapshot") && column === "id");
  let made = 0;
  const copy = sqlite.transaction((prefix: string, hostId: string) => {
    for (const table of tables) {
      const columns = columnsOf(table);
      const key = table === "Host" ? "id" : columns.includes("hostId") ? "hostId" : null;
      const viaSnapshot = !key && columns.includes("snapshotId");
      if (!key && !viaSnapshot) continue;
      const select = columns.map((c) => {
        if (table === "Host" && c === "name") return `"name" || '-${prefix}'`;
        return renamed(table, c) ? `CASE WHEN "${c}" IS NULL THEN NULL ELSE '${prefix}' || "${c}" END` : `"${c}"`;
      });
      const where = key ? `"${key}" = ?` : `"snapshotId" IN (SELECT id FROM "Snapshot" WHERE "hostId" = ?)`;
      sqlite
        .prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) SELECT ${select.join(", ")} FROM "${table}" WHERE ${where}`)
        .run(hostId);
    }
  });
  sqlite.pragma("foreign_keys = OFF");
  // Parents before children: Host, then Snapshot, then the rest (foreign keys are off, but keep it readable).
  tables.sort((a, b) => rank(a) - rank(b));
  for (let copyIndex = 1; hosts.length * (copyIndex + 0) < total; copyIndex += 1) {
    for (const hostId of hosts) {
      if (hosts.length + made >= total) break;
      copy(`c${copyIndex}_`, hostId);
      made += 1;
    }
  }
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
  return hosts.length + made;
}

const rank = (table: string) => (table === "Host" ? 0 : table === "Snapshot" ? 1 : 2);
