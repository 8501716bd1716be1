import path from "node:path";
import { defineConfig } from "prisma/config";

// DATABASE_URL defaults to the embedded SQLite file (see lib/store/databaseUrl.ts for the same default).
export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  datasource: { url: process.env.DATABASE_URL ?? "file:./data/ballast.db" },
});
