import { parentPort } from "node:worker_threads";
import { serializeError, WorkerTaskError, type FromWorker, type ToWorker } from "./protocol";

// The worker side of workerPool.ts: runs the tasks the pool sends, each with an AbortSignal the main
// thread can fire, and lets tasks call back into the main thread (callMain).

export type TaskContext = { signal: AbortSignal };
export type Tasks = Record<string, (input: never, context: TaskContext) => Promise<unknown>>;

/** Results whose ArrayBuffers are moved to the main thread, not copied (transferred(), serveTasks). */
const transfers = new WeakMap<object, ArrayBuffer[]>();

/**
 * Marks a task's result so that `buffers` are transferred with it: the main thread gets them without a
 * copy, and this thread can no longer use them. For large finished bodies (a gzipped view answer).
 */
export function transferred<T extends object>(value: T, buffers: ArrayBuffer[]): T {
  transfers.set(value, buffers);
  return value;
}

const calls = new Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>();
let nextCallId = 1;

const send = (message: FromWorker, transferList?: ArrayBuffer[]) => parentPort!.postMessage(message, transferList);

/** Asks the main thread's `mainCalls[name]` (workerPool.ts) and waits for its answer. */
export function callMain<T = unknown>(name: string, input: unknown): Promise<T> {
  const callId = nextCallId++;
  return new Promise<T>((resolve, reject) => {
    calls.set(callId, { resolve: resolve as (value: unknown) => void, reject });
    send({ type: "call", callId, name, input });
  });
}

/** Serves `tasks` to the pool that started this worker (call once, in the worker entry). */
export function serveTasks(tasks: Tasks): void {
  if (!parentPort) throw new Error("serveTasks runs only in a worker thread");
  const running = new Map<number, AbortController>();
  parentPort.on("message", (message: ToWorker) => {
    if (message.type === "answer") {
      const call = calls.get(message.callId);
      calls.delete(message.callId);
      if (message.ok) call?.resolve(message.value);
      else call?.reject(new WorkerTaskError(message.error));
    } else if (message.type === "abort") running.get(message.id)?.abort(new WorkerTaskError(message.reason));
    else if (message.type === "run") {
      const controller = new AbortController();
      running.set(message.id, controller);
      const task = tasks[message.task];
      const work = task
        ? Promise.resolve().then(() => task(message.input as never, { signal: controller.signal }))
        : Promise.reject(new Error(`no task named ${message.task}`));
      work
        .then(
          (value) => send({ type: "done", id: message.id, ok: true, value }, typeof value === "object" && value !== null ? transfers.get(value) : undefined),
          (error: unknown) => send({ type: "done", id: message.id, ok: false, error: serializeError(error) }),
        )
        .finally(() => running.delete(message.id));
    }
  });
}
