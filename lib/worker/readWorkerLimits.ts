import type { ResourceLimits } from "node:worker_threads";

// The read worker's bounds, in one place (the server's RSS peak is issue 14's < 400 MB: every thread's
// heap counts). A report over 20 hosts × 30 days peaks near 160 MB of heap in process; a 1,251-image
// snapshot view is a few MB. A task that outgrows the heap ends the thread (ERR_WORKER_OUT_OF_MEMORY):
// only its own tasks fail, and the next starts a new thread.

export const READ_WORKER_RESOURCE_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 16 };

/** Idle this long, the thread exits (its heap and Prisma client given back); the next task starts one (~0.3 s). */
export const READ_WORKER_IDLE_EXIT_MS = 5 * 60_000;

/** Rebuilt snapshots the thread keeps (lib/store/snapshotViewCache.ts): the hosts being looked at now. */
export const READ_WORKER_SNAPSHOT_VIEWS = 3;

/** Tasks the one thread runs at once (they await SQLite reads in turn) and tasks waiting at most. */
export const READ_WORKER_CONCURRENCY = 4;
export const READ_WORKER_MAX_QUEUE = 64;
