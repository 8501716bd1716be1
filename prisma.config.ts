import path from "node:path";
import { defineConfig } from "prisma/config";
import { VARIABLES } from "./lib/configSchema.mjs";

// Prisma's own tools (generate, the migration tool) read DATABASE_URL here; its default is written
// once, in lib/configSchema.mjs.
export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  datasource: { url: process.env.DATABASE_URL || VARIABLES.DATABASE_URL.default },
});
