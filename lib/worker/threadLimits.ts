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
// Young generation: 12 MB is V8's 3 × a 4 MB semi-space, what scripts/start.mjs gives every thread of
// the server (--max-semi-space-size=4: a V8 flag holds process-wide and wins over this limit, which
// therefore counts where the flag is not given: tests and the bench run Ballast from source).
// Bigger semi-spaces bought nothing measurable for these tasks and cost RSS in every thread.
const YOUNG_GENERATION_MB = 12;

/** Resource limits for a Ballast worker thread. */
export function threadLimits(): ResourceLimits {
  return { maxOldGenerationSizeMb: config().BALLAST_WORKER_HEAP_MB, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB };
}
