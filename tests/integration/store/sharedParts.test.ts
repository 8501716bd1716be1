import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hostSnapshotSchema, type HostSnapshot } from "@/lib/collect/schema";
import { db } from "@/lib/store/db";
import { createHost } from "@/lib/store/hosts";
import { listSnapshotHistory } from "@/lib/store/snapshotHistory";
import { loadHostSnapshot } from "@/lib/store/snapshotReader";
import { saveSnapshot } from "@/lib/store/snapshotWriter";
import { useFreshDatabase } from "@/tests/support/testDatabase";

// The database grows with what changes: a snapshot whose containers (say) equal the previous one's
// points at those rows instead of writing them again, and reads back exactly what was saved.

const recorded = hostSnapshotSchema.parse(JSON.parse(fs.readFileSync("tests/fixtures/scene-20.10.json", "utf8")));
const at = (snapshot: HostSnapshot, takenAt: string): HostSnapshot => ({ ...snapshot, takenAt });

describe("snapshots share unchanged parts", () => {
  let cleanup: () => Promise<void>;
  let hostId: string;
  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase());
    hostId = (await createHost({ name: "scene", endpoint: "unix:///x.sock" })).id;
  });
  afterAll(async () => cleanup());

  it("writes only the part that changed, and every snapshot reads back as saved", async () => {
    const first = await saveSnapshot(hostId, at(recorded, "2026-11-01T00:00:00.000Z"));
    // A snapshot's containers are one deflated set (SnapshotContainerSet), rows only in older databases.
    expect(await db().snapshotContainer.count()).toBe(0);
    const rowsAfterFirst = await db().snapshotContainerSet.count();
    expect(rowsAfterFirst).toBe(1);
    const second = await saveSnapshot(hostId, at(recorded, "2026-11-01T00:05:00.000Z"));
    expect(await db().snapshotContainerSet.count()).toBe(rowsAfterFirst);

    const grown: HostSnapshot = {
      ...at(recorded, "2026-11-01T00:10:00.000Z"),
      containers: recorded.containers.map((c, i) => (i === 0 ? { ...c, writableBytes: c.writableBytes + 4096 } : c)),
    };
    const third = await saveSnapshot(hostId, grown);
    expect(await db().snapshotContainerSet.count()).toBe(rowsAfterFirst * 2);
    expect(await db().snapshotImagePart.count()).toBe(1);
    const fourth = await saveSnapshot(hostId, { ...grown, takenAt: "2026-11-01T00:15:00.000Z" });
    expect(await db().snapshotContainerSet.count()).toBe(rowsAfterFirst * 2);

    // Sightings are the host's, not the snapshot's (checked below).
    const strip = (s: HostSnapshot | null) => ({
      ...s!,
      takenAt: "",
      durationMs: 0,
      engine: { ...s!.engine, cpus: 0, memoryBytes: 0 },
      images: s!.images.map(({ firstSeenAt: _first, lastUsedAt: _last, ...image }) => image),
    });
    const by =
      <T>(key: (x: T) => string) =>
      (a: T, b: T) =>
        key(a).localeCompare(key(b));
    const sort = (s: ReturnType<typeof strip>) => ({
      ...s,
      images: [...s.images].sort(by((i) => i.id)),
      layers: [...s.layers].sort(by((l) => l.chainId)),
      containers: [...s.containers].sort(by((c) => c.id)),
      volumes: [...s.volumes].sort(by((v) => v.name)),
      buildCache: [...s.buildCache].sort(by((b) => b.id)),
    });
    const expected = (s: HostSnapshot) => sort(strip(s));
    expect(sort(strip(await loadHostSnapshot(first)))).toEqual(expected(recorded));
    expect(sort(strip(await loadHostSnapshot(second)))).toEqual(expected(recorded));
    expect(sort(strip(await loadHostSnapshot(third)))).toEqual(expected(grown));
    expect(sort(strip(await loadHostSnapshot(fourth)))).toEqual(expected(grown));
    const used = new Set(recorded.containers.map((c) => c.imageId));
    for (const image of (await loadHostSnapshot(fourth))!.images) {
      expect(image.firstSeenAt).toBe("2026-11-01T00:00:00.000Z");
      expect(image.lastUsedAt).toBe(used.has(image.id) ? "2026-11-01T00:15:00.000Z" : null);
    }

    const history = await listSnapshotHistory(hostId, fourth, "2026-11-01T00:15:00.000Z");
    const grownId = recorded.containers[0].id;
    expect(history.map((h) => h.containers.find((c) => c.id === grownId)!.writableBytes)).toEqual([
      recorded.containers[0].writableBytes,
      recorded.containers[0].writableBytes,
      recorded.containers[0].writableBytes + 4096,
    ]);
  });
});
