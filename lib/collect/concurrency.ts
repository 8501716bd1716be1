/** Maps `items` with at most `limit` calls in flight, keeping order. */
export async function mapWithConcurrency<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

// Kept on globalThis: Next.js bundles instrumentation (the poller) and route handlers ("Poll now",
// approvals) separately, each with its own copy of this module; a module-level map would give each
// its own lock, and "Poll now" during a background poll hit the engine's 500 (issue 8).
// In the store worker (lib/worker/storeWorkerEntry.ts) `ballastSerialBridge` takes the main thread's lock instead.
const shared = globalThis as unknown as {
  ballastSerialTails?: Map<string, Promise<unknown>>;
  ballastEngineIds?: Map<string, string>;
  ballastSerialBridge?: <R>(key: string, fn: () => Promise<R>) => Promise<R>;
};
const tails = (shared.ballastSerialTails ??= new Map<string, Promise<unknown>>());
const engineIds = (shared.ballastEngineIds ??= new Map<string, string>());

/**
 * The engine ID an endpoint answered in /info last time, so a full read can take that engine's df lock
 * and start /system/df before this poll's /info has answered (issue 14: on 20.10 the two ran one after
 * the other). Should the endpoint now reach another engine, that one df ran under the old engine's lock:
 * at worst the new engine answers a concurrent df from another endpoint with its 500, once.
 */
export function lastEngineIdOf(endpoint: string): string | null {
  return engineIds.get(endpoint) ?? null;
}

export function rememberEngineId(endpoint: string, engineId: string): void {
  if (engineId) engineIds.set(endpoint, engineId);
}

/** The lock of one engine's /system/df: its ID from /info (two endpoints can reach one engine). */
export function dfLockKey(engineId: string, endpoint: string): string {
  return engineId ? `df:engine:${engineId}` : `df:endpoint:${endpoint}`;
}

/**
 * Runs `fn` after every earlier call with the same key has settled, process-wide. Used to never run
 * two /system/df against one engine at once: the engine answers 500 "a disk usage operation is
 * already running" to the second.
 */
export function serialized<R>(key: string, fn: () => Promise<R>): Promise<R> {
  if (shared.ballastSerialBridge) return shared.ballastSerialBridge(key, fn);
  const previous = tails.get(key) ?? Promise.resolve();
  const run = previous.then(fn, fn);
  const tail = run.catch(() => undefined);
  tails.set(key, tail);
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key);
  });
  return run;
}
