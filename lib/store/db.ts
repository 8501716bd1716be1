import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { forgetAuth } from "./authCache";
import { forgetSnapshotViewKeys } from "./snapshotViewKey";
import { databasePath } from "./databaseUrl";

// The only place that constructs PrismaClient (STYLE.md). One client per process, kept on globalThis
// so Next.js dev reloads do not open a new SQLite connection each time.

const globalForPrisma = globalThis as unknown as {
  ballastPrisma?: PrismaClient;
  ballastCloseWorkers?: () => Promise<void>;
  ballastCloseReadWorker?: () => Promise<void>;
};

function createClient(): PrismaClient {
  const adapter = new PrismaBetterSqlite3({ url: `file:${databasePath()}` });
  return new PrismaClient({ adapter });
}

export function db(): PrismaClient {
  globalForPrisma.ballastPrisma ??= createClient();
  return globalForPrisma.ballastPrisma;
}

/** For tests: forget the client (after changing DATABASE_URL), and stop the workers' (lib/worker/storeWorker.ts, readWorker.ts). */
export async function resetDb(): Promise<void> {
  await globalForPrisma.ballastCloseWorkers?.();
  await globalForPrisma.ballastCloseReadWorker?.();
  await globalForPrisma.ballastPrisma?.$disconnect();
  globalForPrisma.ballastPrisma = undefined;
  forgetAuth();
  forgetSnapshotViewKeys();
}
