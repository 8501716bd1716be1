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

const tails = new Map<string, Promise<unknown>>();

/**
 * Runs `fn` after every earlier call with the same key has settled. Used to never run two
 * /system/df against one engine at once: the engine answers 500 "a disk usage operation is
 * already running" to the second.
 */
export function serialized<R>(key: string, fn: () => Promise<R>): Promise<R> {
  const previous = tails.get(key) ?? Promise.resolve();
  const run = previous.then(fn, fn);
  const tail = run.catch(() => undefined);
  tails.set(key, tail);
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key);
  });
  return run;
}
