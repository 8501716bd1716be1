import { describe, expect, it } from "vitest";
import type { HostSnapshot } from "@/lib/collect/schema";
import { createSnapshotViewCache, snapshotViews } from "@/lib/store/snapshotViewCache";

// The cache of rebuilt snapshots the API routes share (issue 14): bounded, one load per id, only good loads kept.

const view = (takenAt: string) => ({ takenAt, images: [{ id: "sha256:a", tags: ["a:1"] }] }) as unknown as HostSnapshot;

describe("snapshot view cache", () => {
  it("loads a snapshot once for readers arriving together and later, and freezes what it shares", async () => {
    const cache = createSnapshotViewCache(4);
    let loads = 0;
    const load = async () => (loads++, view("t1"));
    const [a, b] = await Promise.all([cache.get("s1", "h1", load), cache.get("s1", "h1", load)]);
    const c = await cache.get("s1", "h1", load);
    expect(loads).toBe(1);
    expect(a).toBe(b);
    expect(c).toBe(a);
    expect(Object.isFrozen(a!.images[0].tags)).toBe(true);
  });

  it("keeps at most its capacity, dropping the least recently used", async () => {
    const cache = createSnapshotViewCache(2);
    let loads = 0;
    const load = (id: string) => async () => (loads++, view(id));
    await cache.get("s1", "h1", load("s1"));
    await cache.get("s2", "h1", load("s2"));
    await cache.get("s1", "h1", load("s1")); // s1 is now the most recently used
    await cache.get("s3", "h1", load("s3")); // evicts s2
    expect(cache.size).toBe(2);
    expect(loads).toBe(3);
    await cache.get("s1", "h1", load("s1"));
    expect(loads).toBe(3);
    await cache.get("s2", "h1", load("s2"));
    expect(loads).toBe(4);
  });

  it("never keeps a load that found no snapshot (failed poll, unknown id) or threw", async () => {
    const cache = createSnapshotViewCache(4);
    expect(await cache.get("failed", "h1", async () => null)).toBeNull();
    await expect(cache.get("broken", "h1", async () => Promise.reject(new Error("database locked")))).rejects.toThrow("database locked");
    await Promise.resolve();
    expect(cache.size).toBe(0);
    expect(await cache.get("failed", "h1", async () => view("t2"))).not.toBeNull();
  });

  it("forgets a host's views when it is polled again, and only that host's", async () => {
    const cache = createSnapshotViewCache(4);
    await cache.get("s1", "h1", async () => view("t1"));
    await cache.get("s2", "h2", async () => view("t2"));
    cache.forgetHost("h1");
    expect(cache.size).toBe(1);
    let loads = 0;
    await cache.get("s2", "h2", async () => (loads++, view("t2")));
    expect(loads).toBe(0);
  });

  it("is one cache per process, whichever bundle's copy of the module asks", () => {
    expect(snapshotViews()).toBe(snapshotViews());
    expect((globalThis as { ballastSnapshotViews?: unknown }).ballastSnapshotViews).toBe(snapshotViews());
  });
});
