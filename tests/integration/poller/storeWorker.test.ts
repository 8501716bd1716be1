import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import type { HostSnapshot } from "@/lib/collect/schema";
import { pollHost } from "@/lib/poller/pollHost";
import { db } from "@/lib/store/db";
import { createHost, getHost } from "@/lib/store/hosts";
import { loadHostSnapshot } from "@/lib/store/snapshotReader";
import { closeStoreWorker, runStoreTask } from "@/lib/worker/storeWorker";
import { useFreshDatabase } from "@/tests/support/testDatabase";

// Issue 14 item 4: a poll is read, parsed and stored in the store worker (lib/worker/storeWorker.ts),
// off the server's event loop. Against the real scene engine: it stores exactly what the same poll
// on the main thread (BALLAST_WORKERS=off) stores, and a worker that dies mid-save fails the poll
// cleanly: the host is marked, no part of the snapshot is left, and the next poll works.

const shared = globalThis as unknown as { ballastStoreWorkerEntry?: string };

/** A poll's stored snapshot without what differs between two polls of an unchanged engine: its time (also first seen / last used) and duration. */
const comparable = (snapshot: HostSnapshot | null) =>
  snapshot && (JSON.parse(JSON.stringify({ ...snapshot, durationMs: 0 }).replaceAll(snapshot.takenAt, "(poll time)")) as HostSnapshot);

async function storedAggregates(snapshotId: string) {
  const rows = await db().snapshotAggregate.findMany({ where: { snapshotId }, select: { key: true, rows: true }, orderBy: { key: "asc" } });
  return rows.map((row) => ({ key: row.key, rows: row.rows && Buffer.from(row.rows).toString("base64") }));
}

async function pollIntoFreshDatabase(workers: "on" | "off") {
  process.env.BALLAST_WORKERS = workers;
  const fresh = await useFreshDatabase();
  const host = await createHost({ name: "scene", endpoint: inject("dockerHost") });
  const result = await pollHost(host);
  if (!result.ok) throw new Error(`poll failed: ${result.failure.code} ${result.failure.message}`);
  const stored = { snapshot: comparable(await loadHostSnapshot(result.snapshotId)), aggregates: await storedAggregates(result.snapshotId) };
  await fresh.cleanup();
  return stored;
}

describe("polls in the store worker", () => {
  afterEach(() => {
    delete process.env.BALLAST_WORKERS;
    delete shared.ballastStoreWorkerEntry;
  });

  it("store the same snapshot and report aggregates as the same poll on the main thread", async () => {
    const inWorker = await pollIntoFreshDatabase("on");
    const inProcess = await pollIntoFreshDatabase("off");
    expect(inWorker.snapshot!.images.length).toBeGreaterThan(0);
    expect(inWorker.aggregates.length).toBeGreaterThan(0);
    expect(inWorker).toEqual(inProcess);
  });

  describe("a worker that dies while saving", () => {
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      ({ cleanup } = await useFreshDatabase());
    });
    afterAll(async () => cleanup());

    it("fails the poll as a store error, leaves no part of the snapshot, and the next poll stores it", async () => {
      const host = await createHost({ name: "scene", endpoint: inject("dockerHost") });
      await closeStoreWorker();
      shared.ballastStoreWorkerEntry = path.resolve(import.meta.dirname, "../../support/dyingStoreWorker.ts");
      const failed = await pollHost(host);
      expect(failed.ok).toBe(false);
      expect(!failed.ok && failed.failure.code).toBe("store_error");
      expect(!failed.ok && failed.failure.message).not.toMatch(/exit|code 9|thread/i);
      expect((await getHost(host.id))?.status).not.toBe("ok");
      // The transaction died with its thread: no snapshot row, image, layer or part of it was kept.
      expect(await db().snapshot.findMany({ where: { hostId: host.id }, select: { status: true } })).toEqual([{ status: "failed" }]);
      for (const count of [
        db().image.count(),
        db().layer.count(),
        db().snapshotImagePart.count(),
        db().snapshotContainer.count(),
        db().snapshotContainerSet.count(),
        db().snapshotAggregate.count(),
      ])
        expect(await count).toBe(0);

      await closeStoreWorker();
      delete shared.ballastStoreWorkerEntry;
      const next = await pollHost(host);
      expect(next.ok).toBe(true);
      expect((await loadHostSnapshot(next.ok ? next.snapshotId : ""))?.images.length).toBeGreaterThan(0);
      expect(await db().$queryRawUnsafe<{ integrity_check: string }[]>("PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
    });
  });
});
