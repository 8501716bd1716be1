import "server-only";
import type { HostSnapshot } from "@/lib/collect/schema";

/**
 * Rebuilt snapshots of good polls, by snapshot id, so the host page's parallel routes (and repeated
 * reads) share one load instead of each rebuilding the whole snapshot (issue 14).
 *
 * Safe to cache: a snapshot's rows never change once its transaction commits, and a reader only sees
 * committed rows. The one exception is the image's `lastUsedAt`, which the next save of that host moves:
 * saveSnapshot calls forgetHost, so a view never shows an older "last used" than an uncached read would.
 * Only loads that gave a snapshot stay: a failed poll, an unknown id or an error is never cached.
 * Cached views are frozen: the routes share them, so a view that mutated one would corrupt the others.
 */
export type SnapshotViewCache = {
  get(id: string, hostId: string, load: () => Promise<HostSnapshot | null>): Promise<HostSnapshot | null>;
  forgetHost(hostId: string): void;
  readonly size: number;
};

type Entry = { hostId: string; view: Promise<HostSnapshot | null> };

export function createSnapshotViewCache(capacity: number): SnapshotViewCache {
  // A Map iterates in insertion order: re-inserting on a hit makes its first key the least recently used.
  const entries = new Map<string, Entry>();
  const drop = (id: string, entry: Entry) => {
    if (entries.get(id) === entry) entries.delete(id);
  };
  return {
    get(id, hostId, load) {
      const hit = entries.get(id);
      if (hit) {
        entries.delete(id);
        entries.set(id, hit);
        return hit.view;
      }
      // The promise is cached at once, so requests arriving while it loads join it.
      const entry: Entry = { hostId, view: load().then((snapshot) => (snapshot ? deepFreeze(snapshot) : snapshot)) };
      entries.set(id, entry);
      entry.view.then(
        (snapshot) => snapshot ?? drop(id, entry),
        () => drop(id, entry),
      );
      while (entries.size > capacity) entries.delete(entries.keys().next().value!);
      return entry.view;
    },
    forgetHost(hostId) {
      for (const [id, entry] of entries) if (entry.hostId === hostId) entries.delete(id);
    },
    get size() {
      return entries.size;
    },
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

// A view of 1,250 images is a few MB: a handful covers the hosts being looked at now.
const CAPACITY = 8;

// On globalThis: Next.js bundles route handlers and instrumentation (the poller, which calls forgetHost)
// separately, each with its own copy of this module; one shared cache serves them all.
const shared = globalThis as unknown as { ballastSnapshotViews?: SnapshotViewCache };

export function snapshotViews(): SnapshotViewCache {
  return (shared.ballastSnapshotViews ??= createSnapshotViewCache(CAPACITY));
}
