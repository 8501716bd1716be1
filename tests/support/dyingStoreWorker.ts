// The store worker (lib/worker/storeWorkerEntry.ts) with one fault: its thread exits in the middle of
// saving a snapshot, right before the image part is written (the snapshot row is written, the
// transaction is not committed). For tests/integration/poller/storeWorker.test.ts.
import Database from "better-sqlite3";
import "@/lib/worker/storeWorkerEntry";

// Patched after the entry is loaded, before any query runs: the adapter calls prepare() at query time.

const prepare = Database.prototype.prepare;
Database.prototype.prepare = function (this: Database.Database, sql: string) {
  if (/^\s*INSERT\s+INTO\s+.*SnapshotImagePart/i.test(sql)) process.exit(9);
  return prepare.call(this, sql);
} as typeof prepare;
