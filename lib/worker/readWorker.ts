import "server-only";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SHARE_ENV, Worker, type WorkerOptions } from "node:worker_threads";
import { databasePath } from "@/lib/store/databaseUrl";
import type { ReadTask, ReadTaskInput, ReadTaskResult } from "./readTasks";
import { READ_WORKER_CONCURRENCY, READ_WORKER_IDLE_EXIT_MS, READ_WORKER_MAX_QUEUE } from "./readWorkerLimits";
import { runStoreTask } from "./storeWorker";
import { threadLimits } from "./threadLimits";
import { createWorkerPool, type WorkerPool } from "./workerPool";

// The process's read worker (readWorkerEntry.ts): ONE thread for cost reports and the builds of cacheable
// snapshot views, beside the store worker (storeWorker.ts), which keeps polls, retention and the backfill.
// A report never queues behind a poll there, and a view's first build (load + view + JSON + gzip of a
// 1,251-image host) never holds the request loop. Started at its first task, it exits when idle for a
// while (readWorkerLimits.ts). BALLAST_WORKERS=off runs the same work on the main thread instead
// (workersEnabled, storeWorker.ts). On globalThis and restarted when DATABASE_URL changes, as the store worker.

// Built: Turbopack bundles the literal `new Worker(new URL(…))`. From source (tests, bench): sourceWorker.mjs.
// Told apart by NEXT_RUNTIME, as in storeWorker.ts (the bundle keeps the source file's URL in import.meta.url).
const fromSource = process.env.NEXT_RUNTIME !== "nodejs";
const here = () => path.dirname(fileURLToPath(import.meta.url));
const options = (): WorkerOptions => ({ env: SHARE_ENV, name: "ballast-read", resourceLimits: threadLimits() });

type Shared = {
  ballastReadWorker?: { path: string; pool: WorkerPool } | null;
  ballastCloseReadWorker?: () => Promise<void>;
  /** Tests, from source only: another entry (one whose thread dies at its first task). */
  ballastReadWorkerEntry?: string;
};
const shared = globalThis as unknown as Shared;

// Reflect.construct, not `new Worker`: the bundler must not follow the source-only boot file (it loads tsx).
const spawnFromSource = (entry: string) =>
  Reflect.construct(Worker, [
    path.join(here(), "sourceWorker.mjs"),
    { ...options(), execArgv: ["--conditions=react-server", ...process.execArgv.filter((arg) => arg.startsWith("--cpu-prof"))], workerData: { entry } },
  ]) as Worker;

const spawnReadWorker = () =>
  fromSource
    ? spawnFromSource(shared.ballastReadWorkerEntry ?? path.join(here(), "readWorkerEntry.ts"))
    : new Worker(new URL("./readWorkerEntry.ts", import.meta.url), options());

function readPool(): WorkerPool {
  const path = databasePath();
  if (shared.ballastReadWorker?.path !== path) {
    void shared.ballastReadWorker?.pool.close();
    shared.ballastReadWorker = {
      path,
      pool: createWorkerPool({
        spawn: spawnReadWorker,
        size: 1,
        concurrency: READ_WORKER_CONCURRENCY,
        maxQueue: READ_WORKER_MAX_QUEUE,
        idleExitMs: READ_WORKER_IDLE_EXIT_MS,
        mainCalls: { backfillHost: (hostId) => runStoreTask("backfillHost", String(hostId)) },
      }),
    };
  }
  return shared.ballastReadWorker.pool;
}

/** Runs a read task in the read worker. */
export function runReadTask<T extends ReadTask>(task: T, input: ReadTaskInput<T>, options: { signal?: AbortSignal } = {}): Promise<ReadTaskResult<T>> {
  return readPool().run<ReadTaskResult<T>>(task, input, options);
}

/** Stops the read worker (resetDb calls this through closeStoreWorker: tests point the store at another file). */
export async function closeReadWorker(): Promise<void> {
  const current = shared.ballastReadWorker;
  shared.ballastReadWorker = null;
  await current?.pool.close();
}
shared.ballastCloseReadWorker = closeReadWorker;
