import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { hostSnapshotSchema, type HostSnapshot } from "@/lib/collect/schema";
import { PollFailure } from "@/lib/collect/pollFailure";
import { db } from "@/lib/store/db";
import { createHost } from "@/lib/store/hosts";
import { databaseImageFactsCache } from "@/lib/store/imageFacts";
import { loadSnapshotForAnalysis } from "@/lib/store/snapshotAnalysis";
import { snapshotViews } from "@/lib/store/snapshotViewCache";
import { saveFailedSnapshot, saveSnapshot } from "@/lib/store/snapshotWriter";
import { useFreshDatabase } from "@/tests/support/testDatabase";

// Issue 14: a poll looks up all its known image facts in one query, per host; API reads of one
// snapshot share one load, never of a failed poll, and a later save of the host is never hidden.

const recorded = hostSnapshotSchema.parse(JSON.parse(fs.readFileSync("tests/fixtures/scene-20.10.json", "utf8")));
const at = (snapshot: HostSnapshot, takenAt: string): HostSnapshot => ({ ...snapshot, takenAt });

describe("snapshot reads and image facts lookups", () => {
  let cleanup: () => Promise<void>;
  let hostId: string;
  let otherHostId: string;
  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase());
    hostId = (await createHost({ name: "scene", endpoint: "unix:///x.sock" })).id;
    otherHostId = (await createHost({ name: "other", endpoint: "unix:///y.sock" })).id;
  });
  afterAll(async () => cleanup());

  it("finds every known image's facts of a host in one query, and none of another host's", async () => {
    await saveSnapshot(hostId, at(recorded, "2026-11-01T00:00:00.000Z"));
    const ids = [...recorded.images.map((image) => image.id), "sha256:" + "f".repeat(64)];
    const findMany = vi.spyOn(db().image, "findMany");
    const known = await databaseImageFactsCache(hostId).getMany(ids);
    expect(findMany).toHaveBeenCalledTimes(1);
    findMany.mockRestore();
    expect([...known.keys()].sort()).toEqual(recorded.images.map((image) => image.id).sort());
    for (const image of recorded.images) expect(known.get(image.id)!.diffIds).toHaveLength(image.chain.length);
    expect((await databaseImageFactsCache(otherHostId).getMany(ids)).size).toBe(0);
  });

  it("serves parallel reads of one snapshot from one load, and never caches a failed poll", async () => {
    const id = await saveSnapshot(hostId, at(recorded, "2026-11-01T00:05:00.000Z"));
    const [a, b] = await Promise.all([loadSnapshotForAnalysis(id), loadSnapshotForAnalysis(id)]);
    expect(a.kind).toBe("ok");
    expect(a.kind === "ok" && b.kind === "ok" && a.snapshot === b.snapshot).toBe(true);

    const failedId = await saveFailedSnapshot(hostId, new PollFailure("unreachable", "no answer"), new Date("2026-11-01T00:06:00.000Z"), 5);
    const sizeBefore = snapshotViews().size;
    expect((await loadSnapshotForAnalysis(failedId)).kind).toBe("failed");
    expect(snapshotViews().size).toBe(sizeBefore);
  });

  it("reads a snapshot afresh after the host's next save moved its images' last use", async () => {
    const id = await saveSnapshot(hostId, at(recorded, "2026-11-01T00:10:00.000Z"));
    const before = await loadSnapshotForAnalysis(id);
    await saveSnapshot(hostId, at(recorded, "2026-11-01T00:15:00.000Z"));
    const after = await loadSnapshotForAnalysis(id);
    if (before.kind !== "ok" || after.kind !== "ok") throw new Error("expected good snapshots");
    expect(after.snapshot).not.toBe(before.snapshot);
    const used = after.snapshot.images.find((image) => image.containers > 0)!;
    expect(used.lastUsedAt).toBe("2026-11-01T00:15:00.000Z");
  });
});
