// The messages between a worker pool (workerPool.ts, on the server's event loop) and its workers
// (workerRuntime.ts). Plain data only: they cross threads by structured clone, which drops classes,
// so errors travel as { name, message, code } and are rebuilt as WorkerTaskError.

export type SerializedError = { name: string; message: string; code?: string };

/** Main → worker. */
export type ToWorker =
  | { type: "run"; id: number; task: string; input: unknown }
  | { type: "abort"; id: number; reason: SerializedError }
  | { type: "answer"; callId: number; ok: true; value: unknown }
  | { type: "answer"; callId: number; ok: false; error: SerializedError };

/** Worker → main. */
export type FromWorker =
  | { type: "done"; id: number; ok: true; value: unknown }
  | { type: "done"; id: number; ok: false; error: SerializedError }
  | { type: "call"; callId: number; name: string; input: unknown };

export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { name: error.name, message: error.message, ...(typeof code === "string" ? { code } : {}) };
  }
  return { name: "Error", message: String(error) };
}

/** An error thrown by a task in a worker (or by a main-thread call a worker made), rebuilt on this side. */
export class WorkerTaskError extends Error {
  readonly code?: string;
  constructor(serialized: SerializedError) {
    super(serialized.message);
    this.name = serialized.name;
    this.code = serialized.code;
  }
}
