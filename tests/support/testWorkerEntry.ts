// A worker entry for the worker pool's own tests (tests/unit/worker): tasks that answer, fail, wait
// for the main thread, watch for an abort, kill their thread, or hold more heap than the thread may.
import { threadId } from "node:worker_threads";
import { callMain, serveTasks, transferred, type TaskContext } from "@/lib/worker/workerRuntime";

serveTasks({
  echo: async (input: unknown) => ({ input, threadId }),
  fail: async (message: string) => {
    throw Object.assign(new Error(message), { code: "E_TEST" });
  },
  /** Waits until the main thread's `gate` call answers (the test opens it). */
  hold: async (name: string) => {
    await callMain("gate", name);
    return { name, threadId };
  },
  /** Resolves with the abort's reason once the main thread aborts it. */
  untilAborted: (_input: unknown, { signal }: TaskContext) =>
    new Promise((resolve) => signal.addEventListener("abort", () => resolve({ aborted: (signal.reason as Error).message }), { once: true })),
  crash: async (code: number) => process.exit(code),
  /** Keeps allocating 1 MB arrays until V8 stops the thread at its heap limit (resourceLimits). */
  hog: async () => {
    const held: number[][] = [];
    for (;;) held.push(new Array(131_072).fill(held.length));
  },
  /** `length` bytes of 7, moved to the main thread; says whether this thread still holds them after sending. */
  bytes: async (length: number) => {
    const bytes = new Uint8Array(length).fill(7);
    setImmediate(() => callMain("detached", bytes.buffer.byteLength === 0));
    return transferred({ bytes }, [bytes.buffer]);
  },
});
