import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hostSnapshotSchema, type HostSnapshot } from "@/lib/collect/schema";
import { db } from "@/lib/store/db";
import { createHost } from "@/lib/store/hosts";
import { listSnapshotHistory } from "@/lib/store/snapshotHistory";
import { snapshotPartRows } from "@/lib/store/snapshotParts";
import { loadHostSnapshot } from "@/lib/store/snapshotReader";
import { saveSnapshot } from "@/lib/store/snapshotWriter";
import { busyHostWithContainersPoll } from "@/tests/support/busyHost";
import { useFreshDatabase } from "@/tests/support/testDatabase";

// A snapshot's containers are stored as one deflated set (SnapshotContainerSet, issue 14); snapshots
// stored before that hold SnapshotContainer rows. Both read back exactly what was saved.

const recorded = hostSnapshotSchema.parse(JSON.parse(fs.readFileSync("tests/fixtures/scene-20.10.json", "utf8")));
const byId = (containers: HostSnapshot["containers"]) => [...containers].sort((a, b) => a.id.localeCompare(b.id));

describe("container sets", () => {
  let cleanup: () => Promise<void>;
  let hostId: string;
  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase());
    hostId = (await createHost({ name: "runner", endpoint: "unix:///runner.sock" })).id;
  });
  afterAll(async () => cleanup());

  it("stores a poll's containers as one set and reads them back as saved, for every poll of a churning host", async () => {
    expect(recorded.containers.length).toBeGreaterThan(0);
    const ids: [string, HostSnapshot][] = [];
    const first = { ...recorded, takenAt: "2026-11-01T00:00:00.000Z" };
    ids.push([await saveSnapshot(hostId, first), first]);
    for (let poll = 1; poll <= 4; poll += 1) {
      const snapshot = hostSnapshotSchema.parse(busyHostWithContainersPoll(poll, recorded));
      ids.push([await saveSnapshot(hostId, snapshot), snapshot]);
    }
    expect(await db().snapshotContainer.count()).toBe(0);
    expect(await db().snapshotContainerSet.count()).toBe(ids.length);
    for (const [id, saved] of ids) expect((await loadHostSnapshot(id))!.containers).toEqual(byId(saved.containers));
    const history = await listSnapshotHistory(hostId, ids.at(-1)![0], ids.at(-1)![1].takenAt);
    expect(history.map((entry) => entry.containers)).toEqual(ids.slice(0, -1).map(([, saved]) => byId(saved.containers)));
  });

  it("reads a snapshot stored before sets from its SnapshotContainer rows", async () => {
    const snapshot = {
      ...recorded,
      takenAt: "2026-11-02T00:00:00.000Z",
      containers: recorded.containers.map((c) => ({ ...c, writableBytes: c.writableBytes + 1 })),
    };
    const id = await saveSnapshot(hostId, snapshot);
    // As an older Ballast stored it: rows, no set.
    await db().snapshotContainerSet.delete({ where: { snapshotId: id } });
    await db().snapshotContainer.createMany({ data: snapshotPartRows(snapshot).containers.map((row) => ({ ...row, snapshotId: id })) });
    expect((await loadHostSnapshot(id))!.containers).toEqual(byId(snapshot.containers));
    const later = { ...snapshot, takenAt: "2026-11-02T00:05:00.000Z" };
    const laterId = await saveSnapshot(hostId, later);
    // Unchanged: the next poll shares the old rows, and its history reads them.
    expect((await db().snapshot.findUniqueOrThrow({ where: { id: laterId } })).containersFromId).toBe(id);
    expect((await loadHostSnapshot(laterId))!.containers).toEqual(byId(snapshot.containers));
    expect((await listSnapshotHistory(hostId, laterId, later.takenAt)).at(-1)!.containers).toEqual(byId(snapshot.containers));
  });
});
