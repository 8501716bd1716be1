// The read worker's bounds, in one place (the server's RSS peak is issue 14's < 400 MB: every thread's
// heap counts). Its heap limits are every worker's (threadLimits.ts, BALLAST_WORKER_HEAP_MB): a task that
// outgrows them ends the thread (ERR_WORKER_OUT_OF_MEMORY), only its own tasks fail, the next starts anew.

/** Idle this long, the thread exits (its heap and Prisma client given back); the next task starts one (~0.3 s). */
export const READ_WORKER_IDLE_EXIT_MS = 5 * 60_000;

/** Rebuilt snapshots the thread keeps (lib/store/snapshotViewCache.ts): the hosts being looked at now. */
export const READ_WORKER_SNAPSHOT_VIEWS = 3;

/** Tasks the one thread runs at once (they await SQLite reads in turn) and tasks waiting at most. */
export const READ_WORKER_CONCURRENCY = 4;
export const READ_WORKER_MAX_QUEUE = 64;
