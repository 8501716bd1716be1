import "server-only";
import type { ResourceLimits } from "node:worker_threads";
import { config } from "@/lib/config";

// The V8 limits every Ballast worker thread starts with (the store worker, lib/worker/storeWorker.ts,
// and any read pool): `new Worker(entry, { ...options, resourceLimits: threadLimits() })`. Without
// them a worker gets V8's defaults for this machine's memory (measured on 24 GB: a 4.3 GB heap limit),
// which let one runaway task take gigabytes before anything stops it (issue 14: a report once took
// 2.6 GB). With them a task that needs more than BALLAST_WORKER_HEAP_MB dies with
// ERR_WORKER_OUT_OF_MEMORY: workerPool.ts fails only that worker's tasks and starts a new worker.
//
// Young generation: 24 MB is V8's 3 × an 8 MB semi-space, the size scripts/start.mjs gives the main
// thread (--max-semi-space-size=8; V8 flags are process-wide, so this also holds when the flag is set).
// Bigger semi-spaces buy nothing measurable for these tasks and cost RSS in every thread.
const YOUNG_GENERATION_MB = 24;

/** Resource limits for a Ballast worker thread. */
export function threadLimits(): ResourceLimits {
  return { maxOldGenerationSizeMb: config().BALLAST_WORKER_HEAP_MB, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB };
}
