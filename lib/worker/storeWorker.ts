import "server-only";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isMainThread, SHARE_ENV, Worker, type WorkerOptions } from "node:worker_threads";
import { serialized } from "@/lib/collect/concurrency";
import { config } from "@/lib/config";
import { databasePath } from "@/lib/store/databaseUrl";
import type { StoreTask, StoreTaskInput, StoreTaskResult } from "./storeTasks";
import { threadLimits } from "./threadLimits";
import { createWorkerPool, type WorkerPool } from "./workerPool";

// The process's store worker (storeWorkerEntry.ts): ONE thread, so that background writes (polls'
// snapshots, in time order per host) come from one SQLite connection, as they did on the main thread.
// It runs many polls at once (they mostly wait on engines). BALLAST_WORKERS=off runs the same work on
// the main thread instead. Kept on globalThis (Next.js bundles the poller and the routes apart) and
// restarted when DATABASE_URL points elsewhere (tests).

// In the production build Turbopack bundles the entry: the literal `new Worker(new URL(…))` is what it
// looks for, and the URL then names the built chunk. Run from source (tests, the bench: tsx), the
// worker loads the entry's source through sourceWorker.mjs. Told apart by NEXT_RUNTIME (Next.js
// inlines it into its bundles), not by import.meta.url: the bundle keeps the source file's URL there,
// so the production server took the source path until issue 14's RSS work found it (tsx and two
// esbuild threads in the worker, an esbuild process beside it, every module compiled again).
const fromSource = process.env.NEXT_RUNTIME !== "nodejs";
const here = () => path.dirname(fileURLToPath(import.meta.url));
const options = (): WorkerOptions => ({ env: SHARE_ENV, name: "ballast-store", resourceLimits: threadLimits() });

type Shared = {
  ballastStoreWorker?: { path: string; pool: WorkerPool } | null;
  ballastCloseWorkers?: () => Promise<void>;
  /** Tests, from source only: another entry (one whose thread dies mid-save). */
  ballastStoreWorkerEntry?: string;
};
const shared = globalThis as unknown as Shared;

// Reflect.construct, not `new Worker`: the bundler must not follow the source-only boot file (it loads tsx).
const spawnFromSource = (entry: string) =>
  Reflect.construct(Worker, [
    path.join(here(), "sourceWorker.mjs"),
    // Not the parent's flags (vitest's conditions): the server's own "react-server" one, and profiling.
    { ...options(), execArgv: ["--conditions=react-server", ...process.execArgv.filter((arg) => arg.startsWith("--cpu-prof"))], workerData: { entry } },
  ]) as Worker;

const spawnStoreWorker = () =>
  fromSource
    ? spawnFromSource(shared.ballastStoreWorkerEntry ?? path.join(here(), "storeWorkerEntry.ts"))
    : new Worker(new URL("./storeWorkerEntry.ts", import.meta.url), options());

// /system/df locks a worker holds on this thread (released if it dies holding them).
const held = new Map<number, { workerId: number; release: () => void }>();
let nextLockId = 1;

function createStorePool(): WorkerPool {
  return createWorkerPool({
    spawn: spawnStoreWorker,
    size: 1,
    concurrency: 64,
    maxQueue: 256,
    mainCalls: {
      lock: (key, worker) =>
        new Promise<number>((granted) => {
          void serialized(
            String(key),
            () =>
              new Promise<void>((release) => {
                const id = nextLockId++;
                held.set(id, { workerId: worker.id, release });
                granted(id);
              }),
          );
        }),
      unlock: (id) => {
        held.get(Number(id))?.release();
        held.delete(Number(id));
      },
    },
    onWorkerGone: (worker) => {
      for (const [id, lock] of held)
        if (lock.workerId === worker.id) {
          lock.release();
          held.delete(id);
        }
    },
  });
}

/** Whether heavy store work runs in the worker (BALLAST_WORKERS, default on). */
// False on a worker thread: what runs there is already off the request loop, and a worker never starts another.
export const workersEnabled = () => isMainThread && config().BALLAST_WORKERS === "on";

function storePool(): WorkerPool {
  const path = databasePath();
  if (shared.ballastStoreWorker?.path !== path) {
    void shared.ballastStoreWorker?.pool.close();
    shared.ballastStoreWorker = { path, pool: createStorePool() };
  }
  return shared.ballastStoreWorker.pool;
}

/** Runs a store task in the store worker. */
export function runStoreTask<T extends StoreTask>(task: T, input: StoreTaskInput<T>, options: { signal?: AbortSignal } = {}): Promise<StoreTaskResult<T>> {
  return storePool().run<StoreTaskResult<T>>(task, input, options);
}

/** Stops the store worker (resetDb calls this: tests point the store at another file). */
export async function closeStoreWorker(): Promise<void> {
  const current = shared.ballastStoreWorker;
  shared.ballastStoreWorker = null;
  await current?.pool.close();
}
shared.ballastCloseWorkers = closeStoreWorker;
