import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCostReport, type CostReportHost } from "@/lib/analysis/costReport";
import type { GroupBy } from "@/lib/analysis/attribution";
import { snapshotAggregates } from "@/lib/analysis/snapshotAggregates";
import type { HostSnapshot } from "@/lib/collect/schema";
import { db } from "@/lib/store/db";
import { createHost } from "@/lib/store/hosts";
import { aggregateRowsOver, carryAggregatesForward } from "@/lib/store/snapshotAggregates";
import { loadFullSnapshots, loadReportHosts } from "@/lib/store/snapshotSeries";
import { saveSnapshot } from "@/lib/store/snapshotWriter";
import fs from "node:fs";
import { bigHostSnapshot } from "@/tests/support/bigHost";
import { busyHostPoll } from "@/tests/support/busyHost";
import { useFreshDatabase } from "@/tests/support/testDatabase";

// Report aggregate keys stored as deltas against the key's previous row, with full rows at bounded
// intervals (issue 14: the busy host's "image" key was 16 kB a poll). Through a real SQLite file: every
// snapshot's rows in force read back exactly what its own full snapshot gives, and reports are those of
// the full snapshots, before and after retention deletes the snapshot holding a key's full rows, or
// deltas in the middle of a chain.

const POLLS = 16;
const base = bigHostSnapshot();
const polls: HostSnapshot[] = Array.from({ length: POLLS }, (_, poll) => busyHostPoll(poll, base));
const GROUP_BYS: GroupBy[] = ["host", "category", "image", "repository", "container", "volume", { label: "tier" }];
const scene = JSON.parse(fs.readFileSync("tests/fixtures/scene-20.10.json", "utf8")) as HostSnapshot;

/** Poll `i` of a host whose containers' writable layers grow at every poll (images stay: one image part). */
function sceneAt(i: number): HostSnapshot {
  const copy = structuredClone(scene);
  copy.takenAt = new Date(Date.parse("2026-11-02T00:00:00Z") + i * 300_000).toISOString();
  copy.containers[0].writableBytes += i * 4096;
  // Every 4th poll every container's layer moves (a delta as large as the rows: full rows again), and a
  // label key comes and goes (its rows absent, then back).
  if (i % 4 === 3) for (const [index, container] of copy.containers.entries()) container.writableBytes += i * 1000 + index;
  if (i % 6 >= 3) copy.containers[1].labels = { ...copy.containers[1].labels, tier: "web" };
  return copy;
}

/** Every key's rows in force at each snapshot still stored equal its own full snapshot's. */
async function expectEveryKeptSnapshotExact(hostId: string, snapshots: HostSnapshot[], ids: string[]) {
  const kept = new Set((await db().snapshot.findMany({ where: { hostId }, select: { id: true } })).map((row) => row.id));
  const keys = (await db().aggregateInForce.findMany({ where: { hostId }, select: { key: true } })).map((row) => row.key);
  let checked = 0;
  for (const [index, snapshot] of snapshots.entries()) {
    if (!kept.has(ids[index])) continue;
    const own = snapshotAggregates(snapshot);
    for (const key of new Set([...own.keys(), ...keys])) {
      // A label key the snapshot does not carry reads as absent: null once seen, undefined before.
      expect((await rowsInForce(hostId, key, new Date(snapshot.takenAt))) ?? null, `poll ${index} key ${key}`).toEqual(own.get(key) ?? null);
      checked += 1;
    }
  }
  expect(checked).toBeGreaterThan(snapshots.length);
}

/** Reports from the stored aggregates equal those built from every full snapshot. */
async function expectSameReports(hostId: string, snapshots: HostSnapshot[]) {
  const range = { from: new Date(snapshots[0].takenAt), to: new Date(Date.parse(snapshots.at(-1)!.takenAt) + 300_000) };
  const host = await db().host.findUniqueOrThrow({ where: { id: hostId } });
  const full: CostReportHost[] = [{ hostId, hostName: host.name, snapshots: await loadFullSnapshots(hostId, range) }];
  for (const groupBy of GROUP_BYS) {
    const expected = buildCostReport({ hosts: full, ...range, groupBy });
    const hosts = (await loadReportHosts({ ...range, groupBy })).filter((row) => row.hostId === hostId);
    expect(buildCostReport({ hosts, ...range, groupBy }), JSON.stringify(groupBy)).toEqual(expected);
  }
}

/** The key's rows in force at `at` as the store reads them (a report's replay). */
async function rowsInForce(hostId: string, key: string, at: Date) {
  const { start, inside } = await aggregateRowsOver(hostId, key, at.getTime(), at.getTime() + 1);
  return inside.length > 0 ? inside.at(-1)!.rows : start;
}

describe("report aggregates as deltas", () => {
  let cleanup: () => Promise<void>;
  let hostId: string;
  const ids: string[] = [];

  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase());
    hostId = (await createHost({ name: "busy", endpoint: "tcp://127.0.0.1:9" })).id;
    for (const snapshot of polls) ids.push(await saveSnapshot(hostId, snapshot));
  });
  afterAll(async () => cleanup());

  it("stores a changed key as a delta, with full rows again when a chain would cost more than them", async () => {
    const image = await db().snapshotAggregate.findMany({ where: { hostId, key: "image" }, orderBy: { takenAt: "asc" }, select: { depth: true, rows: true } });
    expect(image).toHaveLength(POLLS);
    expect(image[0].depth).toBe(0);
    const deltas = image.filter((row) => row.depth > 0);
    const fulls = image.filter((row) => row.depth === 0);
    expect(deltas.length).toBeGreaterThan(POLLS / 2);
    // The busy host's 7th poll moves every image's share of the bases (an image comes back): full rows.
    expect(fulls.length).toBeGreaterThan(1);
    const largestDelta = Math.max(...deltas.map((row) => row.rows!.length));
    expect(largestDelta).toBeLessThan(Math.min(...fulls.map((row) => row.rows!.length)) / 4);
  });

  it("reads back every snapshot's rows exactly, and the same reports as its full snapshots", async () => {
    await expectEveryKeptSnapshotExact(hostId, polls, ids);
    await expectSameReports(hostId, polls);
  });

  it("writes the next poll as a delta against the newest rows", async () => {
    const next = busyHostPoll(POLLS, base);
    polls.push(next);
    ids.push(await saveSnapshot(hostId, next));
    const row = await db().snapshotAggregate.findUniqueOrThrow({ where: { snapshotId_key: { snapshotId: ids.at(-1)!, key: "image" } } });
    expect(row.depth).toBeGreaterThan(0);
    await expectEveryKeptSnapshotExact(hostId, polls, ids);
  });

  describe("after retention", () => {
    let sceneHost: string;
    const scenes = Array.from({ length: 24 }, (_, i) => sceneAt(i));
    const sceneIds: string[] = [];

    beforeAll(async () => {
      sceneHost = (await createHost({ name: "scene", endpoint: "tcp://127.0.0.1:9" })).id;
      for (const snapshot of scenes) sceneIds.push(await saveSnapshot(sceneHost, snapshot));
    });

    it("keeps every kept snapshot exact when the full rows, a chain's middle and a run ending in full rows go", async () => {
      const rows = await db().snapshotAggregate.findMany({ where: { hostId: sceneHost }, select: { snapshotId: true, key: true, depth: true } });
      expect(rows.some((row) => row.depth > 0)).toBe(true);
      await expectEveryKeptSnapshotExact(sceneHost, scenes, sceneIds);
      const snapshots = await db().snapshot.findMany({ where: { hostId: sceneHost }, orderBy: { takenAt: "asc" } });
      // Retention never deletes a snapshot whose parts a kept one reads (partHandover.ts, retentionPlan.ts).
      const pointedAt = new Set(snapshots.flatMap((row) => [row.imagesFromId, row.containersFromId, row.volumesFromId, row.buildCacheFromId]));
      const fullAt = (index: number) => rows.some((row) => row.snapshotId === sceneIds[index] && row.key === "container" && row.depth === 0);
      const deltaAt = (index: number) => rows.some((row) => row.snapshotId === sceneIds[index] && row.key === "container" && row.depth > 0);
      const keyframes = scenes.map((_, index) => index).filter((index) => index > 0 && index < scenes.length - 2 && fullAt(index) && deltaAt(index + 1));
      expect(keyframes.length).toBeGreaterThan(1);
      const [first, last] = [keyframes[0], keyframes.at(-1)!];
      // Full rows followed by a kept delta, and the delta before them; a delta followed by a kept delta (the two
      // fold into one); the last full rows followed by a kept delta, and the delta before them.
      const middle = scenes.map((_, index) => index).filter((index) => index > first + 1 && index < last - 2 && deltaAt(index) && deltaAt(index + 1));
      expect(middle.length).toBeGreaterThan(0);
      const doomed = [...new Set([first - 1, first, middle[0], last - 1, last])]
        .filter((index) => index > 0 && !pointedAt.has(sceneIds[index]))
        .sort((a, b) => b - a)
        .map((index) => sceneIds[index]);
      expect(doomed.length).toBeGreaterThan(3);
      // As retention does it (retentionPass.ts deleteSlice): rows carried forward, then the snapshots deleted.
      await db().$transaction(async (tx) => {
        await carryAggregatesForward(tx, sceneHost, doomed);
        await tx.snapshotAggregate.deleteMany({ where: { snapshotId: { in: doomed } } });
        await tx.snapshot.deleteMany({ where: { id: { in: doomed } } });
      });
      // The kept snapshot after deleted full rows holds full rows now.
      const heir = await db().snapshotAggregate.findUniqueOrThrow({ where: { snapshotId_key: { snapshotId: sceneIds[last + 1], key: "container" } } });
      expect(heir.depth).toBe(0);
      // ...and the one after a deleted delta one delta doing both.
      const folded = await db().snapshotAggregate.findUniqueOrThrow({ where: { snapshotId_key: { snapshotId: sceneIds[middle[0] + 1], key: "container" } } });
      expect(folded.depth).toBeGreaterThan(0);
      await expectEveryKeptSnapshotExact(sceneHost, scenes, sceneIds);
      await expectSameReports(sceneHost, scenes);
    });

    it("then writes the next poll as a delta against what retention left", async () => {
      // The last poll with one container's layer grown.
      const next = structuredClone(scenes.at(-1)!);
      next.takenAt = new Date(Date.parse(next.takenAt) + 300_000).toISOString();
      next.containers[0].writableBytes += 4096;
      scenes.push(next);
      sceneIds.push(await saveSnapshot(sceneHost, next));
      const row = await db().snapshotAggregate.findUniqueOrThrow({ where: { snapshotId_key: { snapshotId: sceneIds.at(-1)!, key: "container" } } });
      expect(row.depth).toBeGreaterThan(0);
      await expectEveryKeptSnapshotExact(sceneHost, scenes, sceneIds);
      await expectSameReports(sceneHost, scenes);
    });
  });
});
