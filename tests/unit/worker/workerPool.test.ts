import path from "node:path";
import { Worker, type ResourceLimits } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import { WorkerTaskError } from "@/lib/worker/protocol";
import { threadLimits } from "@/lib/worker/threadLimits";
import { createWorkerPool, PoolBusyError, PoolClosedError, WorkerCrashedError, type WorkerPool } from "@/lib/worker/workerPool";

// The pool's bounds and failure handling, with real worker threads (tests/support/testWorkerEntry.ts,
// loaded from source through lib/worker/sourceWorker.mjs as the store worker is in tests).
const root = path.resolve(import.meta.dirname, "../../..");
const spawn = (resourceLimits?: ResourceLimits) =>
  new Worker(path.join(root, "lib/worker/sourceWorker.mjs"), {
    execArgv: ["--conditions=react-server"],
    workerData: { entry: path.join(root, "tests/support/testWorkerEntry.ts") },
    resourceLimits,
  });

/** Gates the `hold` task waits on: open(name) lets that task finish. */
function gates() {
  const waiting = new Map<string, () => void>();
  const opened = new Set<string>();
  return {
    gate: (name: unknown) => (opened.has(String(name)) ? undefined : new Promise<void>((resolve) => waiting.set(String(name), resolve))),
    open(name: string) {
      opened.add(name);
      waiting.get(name)?.();
    },
    /** Resolves once the `hold` task named `name` is waiting in its worker. */
    async reached(name: string) {
      while (!waiting.has(name)) await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

describe("worker pool", () => {
  let pool: WorkerPool | undefined;
  afterEach(async () => {
    await pool?.close();
    pool = undefined;
  });

  it("runs a task in a worker thread and gives back its plain result", async () => {
    pool = createWorkerPool({ spawn: () => spawn(), size: 1, concurrency: 1, maxQueue: 0 });
    const answer = await pool.run<{ input: unknown; threadId: number }>("echo", { a: [1, 2], b: "x" });
    expect(answer.input).toEqual({ a: [1, 2], b: "x" });
    expect(answer.threadId).toBeGreaterThan(0);
  });

  it("rejects with the task's own error name, message and code", async () => {
    pool = createWorkerPool({ spawn: () => spawn(), size: 1, concurrency: 1, maxQueue: 0 });
    const error = await pool.run("fail", "no such thing").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerTaskError);
    expect(error).toMatchObject({ message: "no such thing", code: "E_TEST" });
  });

  it("never starts more than `size` workers × `concurrency` tasks, queues up to `maxQueue`, refuses one more", async () => {
    const g = gates();
    pool = createWorkerPool({ spawn: () => spawn(), size: 2, concurrency: 1, maxQueue: 1, mainCalls: { gate: g.gate } });
    const a = pool.run<{ threadId: number }>("hold", "a");
    const b = pool.run<{ threadId: number }>("hold", "b");
    await Promise.all([g.reached("a"), g.reached("b")]);
    const c = pool.run<{ threadId: number }>("hold", "c");
    expect(pool.stats()).toEqual({ workers: 2, running: 2, queued: 1 });
    await expect(pool.run("echo", 1)).rejects.toBeInstanceOf(PoolBusyError);
    g.open("a");
    const first = await a;
    await g.reached("c");
    expect(pool.stats()).toEqual({ workers: 2, running: 2, queued: 0 });
    g.open("b");
    g.open("c");
    const [second, third] = await Promise.all([b, c]);
    expect(first.threadId).not.toBe(second.threadId);
    expect([first.threadId, second.threadId]).toContain(third.threadId);
  });

  it("a worker that dies fails only its own tasks, and the next task gets a new worker", async () => {
    const g = gates();
    pool = createWorkerPool({ spawn: () => spawn(), size: 1, concurrency: 2, maxQueue: 0, mainCalls: { gate: g.gate } });
    const before = await pool.run<{ threadId: number }>("echo", 0);
    const held = pool.run("hold", "held");
    await g.reached("held");
    const crashed = await pool.run("crash", 7).catch((e: unknown) => e);
    expect(crashed).toBeInstanceOf(WorkerCrashedError);
    await expect(held).rejects.toBeInstanceOf(WorkerCrashedError);
    const after = await pool.run<{ threadId: number }>("echo", 1);
    expect(after.threadId).not.toBe(before.threadId);
    expect(pool.stats()).toEqual({ workers: 1, running: 0, queued: 0 });
  });

  it("a worker stopped at its heap limit (ERR_WORKER_OUT_OF_MEMORY) fails only its tasks and is replaced", async () => {
    const g = gates();
    // The store worker's limits (lib/worker/threadLimits.ts), with a heap small enough to fill quickly.
    const limits = { ...threadLimits(), maxOldGenerationSizeMb: 48 };
    pool = createWorkerPool({ spawn: () => spawn(limits), size: 1, concurrency: 2, maxQueue: 0, mainCalls: { gate: g.gate } });
    const before = await pool.run<{ threadId: number }>("echo", 0);
    const held = pool.run("hold", "held");
    await g.reached("held");
    const hogged = await pool.run("hog", null).catch((e: unknown) => e);
    expect(hogged).toBeInstanceOf(WorkerCrashedError);
    expect((hogged as Error).message).toMatch(/memory limit/);
    await expect(held).rejects.toBeInstanceOf(WorkerCrashedError);
    const after = await pool.run<{ threadId: number }>("echo", 1);
    expect(after.threadId).not.toBe(before.threadId);
    expect(pool.stats()).toEqual({ workers: 1, running: 0, queued: 0 });
  });

  it("tells the worker's gone to whoever holds things for it", async () => {
    const gone: number[] = [];
    pool = createWorkerPool({ spawn: () => spawn(), size: 1, concurrency: 1, maxQueue: 0, onWorkerGone: (worker) => gone.push(worker.id) });
    await pool.run("crash", 1).catch(() => undefined);
    expect(gone).toHaveLength(1);
  });

  it("passes an abort to the task in its worker", async () => {
    pool = createWorkerPool({ spawn: () => spawn(), size: 1, concurrency: 1, maxQueue: 0 });
    const controller = new AbortController();
    const running = pool.run<{ aborted: string }>("untilAborted", null, { signal: controller.signal });
    controller.abort(new Error("deadline"));
    expect(await running).toEqual({ aborted: "deadline" });
  });

  it("moves a result's transferred buffers to the main thread instead of copying them", async () => {
    let detached: unknown;
    pool = createWorkerPool({ spawn, size: 1, concurrency: 1, maxQueue: 0, mainCalls: { detached: (value) => (detached = value) } });
    const { bytes } = await pool.run<{ bytes: Uint8Array }>("bytes", 1000);
    expect(bytes.length).toBe(1000);
    expect(bytes.every((byte) => byte === 7)).toBe(true);
    while (detached === undefined) await new Promise((resolve) => setImmediate(resolve));
    expect(detached).toBe(true);
  });

  it("with idleExitMs, an idle worker exits and the next task starts a new one", async () => {
    pool = createWorkerPool({ spawn, size: 1, concurrency: 1, maxQueue: 0, idleExitMs: 10 });
    const first = await pool.run<{ threadId: number }>("echo", 1);
    while (pool.stats().workers > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await pool.run<{ threadId: number }>("echo", 2);
    expect(second.threadId).not.toBe(first.threadId);
    expect(pool.stats()).toMatchObject({ workers: 1, running: 0 });
  });

  it("after close, queued and new tasks fail with PoolClosedError", async () => {
    const g = gates();
    pool = createWorkerPool({ spawn: () => spawn(), size: 1, concurrency: 1, maxQueue: 1, mainCalls: { gate: g.gate } });
    const held = pool.run("hold", "x").catch((e: unknown) => e);
    await g.reached("x");
    const queued = pool.run("echo", 2).catch((e: unknown) => e);
    await pool.close();
    expect(await queued).toBeInstanceOf(PoolClosedError);
    expect(await held).toBeInstanceOf(PoolClosedError);
    await expect(pool.run("echo", 3)).rejects.toBeInstanceOf(PoolClosedError);
  });
});
