import fs from "node:fs";
import { inflateRawSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GroupBy } from "@/lib/analysis/attribution";
import { buildCostReport, type CostReportHost } from "@/lib/analysis/costReport";
import { decodeSpan } from "@/lib/analysis/reportSpans";
import { PollFailure } from "@/lib/collect/pollFailure";
import type { HostSnapshot } from "@/lib/collect/schema";
import { backfillHostAggregates } from "@/lib/store/aggregateBackfill";
import { db } from "@/lib/store/db";
import { createHost } from "@/lib/store/hosts";
import { carryAggregatesForward } from "@/lib/store/snapshotAggregates";
import { loadFullSnapshots, loadReportHosts } from "@/lib/store/snapshotSeries";
import { saveFailedSnapshot, saveSnapshot } from "@/lib/store/snapshotWriter";
import { useFreshDatabase } from "@/tests/support/testDatabase";

// Reports read stored aggregates (change points); these tests prove, through the real store, that the
// figures are exactly those of today's computation from every full snapshot of the same data.

const scene = JSON.parse(fs.readFileSync("tests/fixtures/scene-20.10.json", "utf8")) as HostSnapshot;
const GROUP_BYS: GroupBy[] = [
  "host",
  "category",
  "image",
  "repository",
  "container",
  "volume",
  "project",
  { label: "team" },
  { label: "tier" },
  { label: "never.seen" },
];
const RANGES = [
  { from: new Date("2026-02-01T00:00:00Z"), to: new Date("2026-03-01T00:00:00Z") },
  { from: new Date("2026-02-03T06:00:00Z"), to: new Date("2026-02-05T00:00:00Z") },
  { from: new Date("2026-01-01T00:00:00Z"), to: new Date("2026-02-02T00:00:00Z") },
  // Edges inside days and hours; agg-0's 2 February is not finished (its last poll is at 02:00), so it
  // reads packed hours, the last one cut at 01:40.
  { from: new Date("2026-02-01T10:17:00Z"), to: new Date("2026-02-02T01:40:00Z") },
];

/** Hour `i` of a host's history: the scene with churn in every part a report attributes. */
function sceneAt(i: number, variant: number): HostSnapshot {
  const copy = structuredClone(scene);
  copy.takenAt = new Date(Date.parse("2026-02-01T00:00:00Z") + (i - 3) * 3_600_000 * (1 + variant)).toISOString();
  // Unchanged for runs of polls (stored once), then a step: volumes grow, writable layers move.
  const step = Math.floor(i / 4);
  copy.volumes[0].sizeBytes = (copy.volumes[0].sizeBytes ?? 0) + step * 1_000_003 * (variant + 1);
  copy.containers[0].writableBytes += (step % 3) * 4096;
  // A label key that comes and goes, and one whose value changes.
  if (step % 2 === 1) copy.containers[1].labels = { ...copy.containers[1].labels, tier: "web" };
  if (step % 3 === 2) copy.containers.find((c) => c.labels.team)!.labels.team = "gamma";
  // An image loses its tag for a while (its name changes), a container goes away.
  if (step === 3) copy.images.find((image) => image.tags.length > 0)!.tags = [];
  if (step >= 5) copy.containers.pop();
  return copy;
}

async function fullReportHosts(range: { from: Date; to: Date }): Promise<CostReportHost[]> {
  const hosts = await db().host.findMany({ orderBy: { name: "asc" } });
  return Promise.all(hosts.map(async (host) => ({ hostId: host.id, hostName: host.name, snapshots: await loadFullSnapshots(host.id, range) })));
}

async function expectSameReports() {
  for (const range of RANGES) {
    const full = await fullReportHosts(range);
    for (const groupBy of GROUP_BYS) {
      const fromAggregates = await loadReportHosts({ ...range, groupBy });
      const expected = buildCostReport({ hosts: full, ...range, groupBy });
      const actual = buildCostReport({ hosts: fromAggregates, ...range, groupBy });
      expect(actual, `${JSON.stringify(groupBy)} ${range.from.toISOString()}`).toEqual(expected);
      expect(fromAggregates.map((host) => host.snapshotsInRange)).toEqual(full.map((host) => host.snapshots!.length));
    }
  }
}

describe("cost reports from stored aggregates", () => {
  let cleanup: () => Promise<void>;
  const hostIds: string[] = [];

  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase());
    for (const variant of [0, 1]) {
      const host = await createHost({ name: `agg-${variant}`, endpoint: "tcp://127.0.0.1:9" });
      hostIds.push(host.id);
      for (let i = 0; i < 30; i += 1) {
        await saveSnapshot(host.id, sceneAt(i, variant));
        if (i === 10) await saveFailedSnapshot(host.id, new PollFailure("timeout", "timed out"), new Date(Date.parse(sceneAt(i, variant).takenAt) + 60_000), 5);
      }
    }
    // A host added mid-range, polled off the hour every 45 minutes (its first day packs from a partial day).
    const late = await createHost({ name: "agg-late", endpoint: "tcp://127.0.0.1:9" });
    for (let i = 0; i < 14; i += 1) {
      const snapshot = sceneAt(i + 3, 0);
      snapshot.takenAt = new Date(Date.parse("2026-02-01T13:30:00Z") + i * 45 * 60_000).toISOString();
      await saveSnapshot(late.id, snapshot);
    }
  });
  afterAll(async () => cleanup());

  it("stores a key only at the polls where its rows changed", async () => {
    const snapshots = await db().snapshot.count({ where: { hostId: hostIds[0], status: "ok" } });
    const imageRows = await db().snapshotAggregate.count({ where: { hostId: hostIds[0], key: "image" } });
    expect(snapshots).toBe(30);
    expect(imageRows).toBeGreaterThan(1);
    expect(imageRows).toBeLessThan(snapshots / 2);
  });

  it("gives exactly the figures of the full snapshots, for every group-by and range", async () => {
    await expectSameReports();
  });

  it("backfills snapshots stored without aggregates, and the figures stay the same", async () => {
    await db().snapshotAggregate.deleteMany({ where: { hostId: hostIds[1] } });
    await db().aggregateInForce.deleteMany({ where: { hostId: hostIds[1] } });
    await db().snapshot.updateMany({ where: { hostId: hostIds[1] }, data: { aggregatesVersion: null } });
    // A poll while the host still has a backlog waits for the backfill rather than guessing its predecessor.
    const late = await saveSnapshot(hostIds[1], sceneAt(30, 1));
    expect((await db().snapshot.findUniqueOrThrow({ where: { id: late } })).aggregatesVersion).toBeNull();
    expect(await backfillHostAggregates(hostIds[1])).toBe(31);
    await expectSameReports();
  });

  it("rewrites the days whose rows retention moved from their packed spans, and stays exact", async () => {
    await expectSameReports(); // every finished day is packed now
    const rows = await db().snapshot.findMany({ where: { hostId: hostIds[0], status: "ok" }, orderBy: { takenAt: "asc" } });
    // A run of 1 February's snapshots that no snapshot outside it reads parts from, holding aggregate rows.
    const holders = new Set(
      (await db().snapshotAggregate.findMany({ where: { hostId: hostIds[0] }, select: { snapshotId: true } })).map((row) => row.snapshotId),
    );
    const readsFrom = (row: (typeof rows)[number]) => [row.imagesFromId, row.containersFromId, row.volumesFromId, row.buildCacheFromId];
    let doomed: string[] = [];
    for (let a = 0; a < rows.length && doomed.length === 0; a += 1) {
      for (let b = a + 1; b < rows.length - 1; b += 1) {
        const run = new Set(rows.slice(a, b).map((row) => row.id));
        const day = rows.slice(a, b).every((row) => row.takenAt.toISOString().startsWith("2026-02-01"));
        const read = rows.some((row) => !run.has(row.id) && readsFrom(row).some((id) => id !== null && run.has(id)));
        if (day && !read && [...run].some((id) => holders.has(id))) {
          doomed = [...run];
          break;
        }
      }
    }
    expect(doomed.length).toBeGreaterThan(0);
    const days = async () =>
      new Map(
        (await db().aggregateDay.findMany({ where: { hostId: hostIds[0] } })).map((row) => [`${row.key} ${row.day.toISOString()}`, Buffer.from(row.data)]),
      );
    const before = await days();
    expect([...before.keys()]).toContain("image 2026-02-01T00:00:00.000Z");
    await db().$transaction(async (tx) => {
      await carryAggregatesForward(tx, hostIds[0], doomed);
      await tx.snapshot.deleteMany({ where: { id: { in: doomed } } });
    });
    const after = await days();
    // Every packed day stays packed (a report reads none of them from the rows); 1 February's are rewritten.
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    expect(after.get("category 2026-01-31T00:00:00.000Z")).toEqual(before.get("category 2026-01-31T00:00:00.000Z"));
    expect(after.get("category 2026-02-01T00:00:00.000Z")).not.toEqual(before.get("category 2026-02-01T00:00:00.000Z"));
    await expectSameReports();
    // And they equal 1 February packed again from the moved rows.
    const rewritten = await days();
    await db().aggregateDay.deleteMany({ where: { hostId: hostIds[0] } });
    await expectSameReports();
    const repacked = await days();
    const sums = (data: Buffer) => {
      const span = decodeSpan(inflateRawSync(data), 3)!;
      return new Map(span.integrals.map(([slot, sum]) => [span.slots[slot].join(), sum]));
    };
    const compared = [...repacked.keys()].filter((key) => rewritten.has(key) && key.includes("2026-02-01"));
    expect(compared.length).toBeGreaterThan(3);
    for (const key of compared) expect(sums(rewritten.get(key)!), key).toEqual(sums(repacked.get(key)!));
  });

  it("stays exact after retention deletes snapshots whose rows it carries forward", async () => {
    const rows = await db().snapshot.findMany({ where: { hostId: hostIds[0], status: "ok" }, orderBy: { takenAt: "asc" } });
    // Retention keeps the snapshots whose part rows others point at (…FromId); any other may go.
    const pointedAt = new Set(rows.flatMap((row) => [row.imagesFromId, row.containersFromId, row.volumesFromId, row.buildCacheFromId]));
    const doomed = rows.filter((row, index) => index % 3 === 1 && index < rows.length - 1 && !pointedAt.has(row.id)).map((row) => row.id);
    expect(doomed.length).toBeGreaterThan(3);
    await db().$transaction(async (tx) => {
      await carryAggregatesForward(tx, hostIds[0], doomed);
      await tx.snapshot.deleteMany({ where: { id: { in: doomed } } });
    });
    await expectSameReports();
  });
});
