// The read worker's entry (started by readWorker.ts): cost reports and the first builds of cacheable
// snapshot views, off the server's event loop and off the store worker, so a report never waits behind
// a poll or a retention slice there (issue 14). Its own Prisma client on the same SQLite file (WAL: it
// reads beside the store worker's writes). Not a read-only connection: a report packs a finished day it
// finds unpacked (lib/store/aggregateDays.ts), a small write that waits on SQLite's lock, never on the
// store worker's queue. Snapshots from before aggregates existed are aggregated by the store worker
// (asked through the main thread), so that one backfill per host runs in the process.
import { createSnapshotViewCache } from "@/lib/store/snapshotViewCache";
import { READ_WORKER_SNAPSHOT_VIEWS } from "./readWorkerLimits";
import { readTasks } from "./readTasks";
import { callMain, serveTasks } from "./workerRuntime";

// This thread's own rebuilt snapshots (snapshotViews() finds it on globalThis): the views of one host
// page share one load; fewer than the main thread's default, this thread's heap is bounded.
(globalThis as unknown as { ballastSnapshotViews?: unknown }).ballastSnapshotViews = createSnapshotViewCache(READ_WORKER_SNAPSHOT_VIEWS);

(globalThis as unknown as { ballastBackfillBridge?: (hostId: string) => Promise<number> }).ballastBackfillBridge = (hostId) =>
  callMain<number>("backfillHost", hostId);

serveTasks(readTasks);
