import type { Worker } from "node:worker_threads";
import { serializeError, WorkerTaskError, type FromWorker, type ToWorker } from "./protocol";

// A bounded pool of worker threads that run named tasks on plain data (issue 14 item 4: heavy work
// off the request event loop). Each worker runs up to `concurrency` tasks at once (polls are mostly
// waiting on engines); tasks beyond the pool's capacity wait in a queue of at most `maxQueue`, and one
// more is refused at once (PoolBusyError) instead of piling up. A worker that dies (a crash, an
// out-of-memory, process.exit) fails only the tasks it was running (WorkerCrashedError), gives back
// what it held on this side (`onWorkerGone`), and is replaced by a new one for the next task.
// Workers are unref'd while idle, so an idle pool never keeps the process alive; with `idleExitMs`, a
// worker idle that long exits (its memory given back) and the next task starts a new one.

export class PoolBusyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PoolBusyError";
  }
}

export class WorkerCrashedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WorkerCrashedError";
  }
}

export class PoolClosedError extends Error {
  constructor() {
    super("the worker pool is closed");
    this.name = "PoolClosedError";
  }
}

/** What a worker may ask the main thread for (a lock only this thread can hold, a cache to forget). */
export type MainCalls = Record<string, (input: unknown, worker: PoolWorker) => unknown>;

export type WorkerPoolOptions = {
  /** Starts one worker. Must be a literal `new Worker(new URL("./file.ts", import.meta.url), …)` at the call site, so the bundler builds the entry. */
  spawn: () => Worker;
  /** Worker threads at most. */
  size: number;
  /** Tasks one worker runs at once. */
  concurrency: number;
  /** Tasks waiting for a free slot at most. */
  maxQueue: number;
  mainCalls?: MainCalls;
  /** A worker with no task for this long exits (none: workers stay until the pool closes). */
  idleExitMs?: number;
  /** A worker died: release whatever it held on this side (locks taken through mainCalls). */
  onWorkerGone?: (worker: PoolWorker) => void;
};

export type PoolWorker = { readonly id: number };

export type WorkerPool = {
  /** Runs `task` on `input` in a worker; `signal` aborts it there (the task sees its own signal). */
  run<T = unknown>(task: string, input: unknown, options?: { signal?: AbortSignal }): Promise<T>;
  /** Stops every worker; running and queued tasks fail with PoolClosedError. */
  close(): Promise<void>;
  stats(): { workers: number; running: number; queued: number };
};

type Pending = { task: string; input: unknown; signal?: AbortSignal; resolve: (value: unknown) => void; reject: (error: unknown) => void };
type Slot = PoolWorker & { thread: Worker; running: Map<number, Pending>; exited: boolean; idle?: NodeJS.Timeout };

let nextWorkerId = 1;

export function createWorkerPool(options: WorkerPoolOptions): WorkerPool {
  const workers = new Set<Slot>();
  const queue: Pending[] = [];
  let nextTaskId = 1;
  let closed = false;

  const post = (slot: Slot, message: ToWorker) => slot.thread.postMessage(message);

  function gone(slot: Slot, why: string) {
    if (slot.exited) return;
    slot.exited = true;
    clearTimeout(slot.idle);
    workers.delete(slot);
    options.onWorkerGone?.(slot);
    for (const pending of slot.running.values()) pending.reject(closed ? new PoolClosedError() : new WorkerCrashedError(why));
    slot.running.clear();
    dispatch();
  }

  function spawn(): Slot {
    const thread = options.spawn();
    const slot: Slot = { id: nextWorkerId++, thread, running: new Map(), exited: false };
    thread.unref();
    thread.on("message", (message: FromWorker) => {
      if (message.type === "done") {
        const pending = slot.running.get(message.id);
        if (!pending) return;
        slot.running.delete(message.id);
        if (slot.running.size === 0) thread.unref();
        if (message.ok) pending.resolve(message.value);
        else pending.reject(new WorkerTaskError(message.error));
        dispatch();
        if (slot.running.size === 0) idleFor(slot);
      } else if (message.type === "call") void answerCall(slot, message.callId, message.name, message.input);
    });
    thread.on("error", (error) => gone(slot, `a worker thread failed: ${error.message}`));
    thread.on("exit", (code) => gone(slot, `a worker thread exited (code ${code})`));
    workers.add(slot);
    return slot;
  }

  /** Lets an idle worker exit after `idleExitMs` (a task started meanwhile cancels it). */
  function idleFor(slot: Slot) {
    if (options.idleExitMs === undefined || slot.exited) return;
    clearTimeout(slot.idle);
    slot.idle = setTimeout(() => {
      if (slot.running.size > 0 || slot.exited) return;
      // Out of the pool first: no task is sent to a thread on its way out.
      slot.exited = true;
      workers.delete(slot);
      options.onWorkerGone?.(slot);
      void slot.thread.terminate();
    }, options.idleExitMs);
    slot.idle.unref();
  }

  async function answerCall(slot: Slot, callId: number, name: string, input: unknown) {
    const handler = options.mainCalls?.[name];
    try {
      if (!handler) throw new Error(`no main-thread call named ${name}`);
      const value = await handler(input, slot);
      if (!slot.exited) post(slot, { type: "answer", callId, ok: true, value });
    } catch (error) {
      if (!slot.exited) post(slot, { type: "answer", callId, ok: false, error: serializeError(error) });
    }
  }

  function start(slot: Slot, pending: Pending) {
    const id = nextTaskId++;
    clearTimeout(slot.idle);
    slot.running.set(id, pending);
    slot.thread.ref();
    if (pending.signal) {
      const onAbort = () => slot.running.has(id) && post(slot, { type: "abort", id, reason: serializeError(pending.signal!.reason) });
      pending.signal.addEventListener("abort", onAbort, { once: true });
      const settle = () => pending.signal!.removeEventListener("abort", onAbort);
      const { resolve, reject } = pending;
      pending.resolve = (value) => (settle(), resolve(value));
      pending.reject = (error) => (settle(), reject(error));
    }
    post(slot, { type: "run", id, task: pending.task, input: pending.input });
  }

  /** The least busy worker with a free slot, spawning one while below `size`. */
  function freeSlot(): Slot | null {
    let best: Slot | null = null;
    for (const slot of workers) if (slot.running.size < options.concurrency && (!best || slot.running.size < best.running.size)) best = slot;
    if (best && best.running.size === 0) return best;
    if (workers.size < options.size) return spawn();
    return best;
  }

  function dispatch() {
    while (!closed && queue.length > 0) {
      const slot = freeSlot();
      if (!slot) return;
      start(slot, queue.shift()!);
    }
  }

  return {
    run<T>(task: string, input: unknown, runOptions: { signal?: AbortSignal } = {}) {
      if (closed) return Promise.reject(new PoolClosedError());
      if (runOptions.signal?.aborted) return Promise.reject(runOptions.signal.reason);
      return new Promise<T>((resolve, reject) => {
        const pending: Pending = { task, input, signal: runOptions.signal, resolve: resolve as (value: unknown) => void, reject };
        const slot = freeSlot();
        if (slot && queue.length === 0) return start(slot, pending);
        if (queue.length >= options.maxQueue) return reject(new PoolBusyError(`${queue.length} tasks are already waiting for a worker`));
        queue.push(pending);
      });
    },
    async close() {
      closed = true;
      for (const pending of queue.splice(0)) pending.reject(new PoolClosedError());
      await Promise.all([...workers].map((slot) => slot.thread.terminate()));
    },
    stats: () => ({ workers: workers.size, running: [...workers].reduce((n, slot) => n + slot.running.size, 0), queued: queue.length }),
  };
}
