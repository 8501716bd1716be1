import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PollFailure } from "@/lib/collect/pollFailure";
import { db, resetDb } from "@/lib/store/db";
import { runRetention } from "@/lib/poller/retention";
import { listAudit } from "@/lib/store/audit";
import { runRetentionPass } from "@/lib/store/retentionPass";
import { getRetentionNote } from "@/lib/store/retentionStatus";
import { planHostRetention } from "@/lib/store/retentionPlan";
import { getSnapshot, loadHostSnapshot } from "@/lib/store/snapshotReader";
import { saveFailedSnapshot, saveSnapshot } from "@/lib/store/snapshotWriter";
import { useFreshDatabase } from "@/tests/support/testDatabase";
import { writeSyntheticHistory } from "@/scripts/bench/syntheticHistory.mts";

// Retention through the real store on a real SQLite file: a SYNTHETIC history (scripts/bench) of two
// hosts × 3 days of 10-minute polls, thinned with 1 day kept whole and hourly up to 2 days. Whatever
// stays must read back exactly as before (through the real reader), references must survive, and a
// pass killed half-way must leave a consistent database that the next pass finishes.

const NOW = new Date("2026-06-01T00:00:00.000Z");
const POLICY = { keepFullDays: 1, keepHourlyDays: 2 };
const HOUR = 3_600_000;
const WORKER = path.resolve("tests/support/retentionWorker.mts");

/** Every snapshot as the readers give it (the DTO and the full HostSnapshot), by id. */
async function readAll(): Promise<Map<string, string>> {
  const ids = (await db().snapshot.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((row) => row.id);
  const views = new Map<string, string>();
  for (const id of ids) views.set(id, JSON.stringify([await getSnapshot(id), await loadHostSnapshot(id)]));
  return views;
}

/** integrity_check, foreign_key_check, and every `…FromId` names a snapshot holding that part itself. */
function consistency(file: string) {
  const sqlite = new Database(file, { readonly: true });
  try {
    const dangling = ["images", "containers", "volumes", "buildCache"].map(
      (kind) =>
        (
          sqlite
            .prepare(
              `SELECT count(*) AS n FROM "Snapshot" s WHERE s."${kind}FromId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Snapshot" h WHERE h.id = s."${kind}FromId" AND h."${kind}FromId" IS NULL)`,
            )
            .get() as { n: number }
        ).n,
    );
    return {
      integrity: (sqlite.prepare("PRAGMA integrity_check").get() as { integrity_check: string }).integrity_check,
      foreignKeys: sqlite.pragma("foreign_key_check"),
      dangling,
    };
  } finally {
    sqlite.close();
  }
}

const consistent = { integrity: "ok", foreignKeys: [], dangling: [0, 0, 0, 0] };

/** What the plan removes, from the database as it is (the pass must do exactly this). */
async function expectedRemovals(): Promise<Set<string>> {
  const removed = new Set<string>();
  for (const host of await db().host.findMany()) for (const id of await planHostRetention(host, NOW, POLICY, async () => {})) removed.add(id);
  return removed;
}

/** Per good snapshot and report aggregate key, the hash of the rows in force at it (what reports read). */
function aggregatesInForce(file: string): Map<string, string> {
  const sqlite = new Database(file, { readonly: true });
  try {
    const inForce = sqlite.prepare(
      `SELECT "hash" FROM "SnapshotAggregate" WHERE "hostId" = ? AND "key" = ? AND "takenAt" <= ? ORDER BY "takenAt" DESC LIMIT 1`,
    );
    const result = new Map<string, string>();
    const snapshots = sqlite.prepare(`SELECT "id", "hostId", "takenAt" FROM "Snapshot" WHERE "status" = 'ok' AND "aggregatesVersion" IS NOT NULL`).all() as {
      id: string;
      hostId: string;
      takenAt: number;
    }[];
    const keys = sqlite.prepare(`SELECT DISTINCT "hostId", "key" FROM "SnapshotAggregate"`).all() as { hostId: string; key: string }[];
    for (const s of snapshots)
      for (const { key } of keys.filter((k) => k.hostId === s.hostId))
        result.set(`${s.id} ${key}`, (inForce.get(s.hostId, key, s.takenAt) as { hash: string } | undefined)?.hash ?? "none");
    return result;
  } finally {
    sqlite.close();
  }
}

/** The aggregates in force at every snapshot still there are what they were. */
function expectSameAggregates(now: Map<string, string>, before: Map<string, string>) {
  expect(now.size).toBeGreaterThan(0);
  for (const [key, hash] of now) expect(hash, key).toBe(before.get(key));
}

function runWorker(file: string, killAfterCommits: number): Promise<{ signal: string | null; output: string }> {
  const child = spawn(
    process.execPath,
    [
      "--conditions=react-server",
      "--import",
      "tsx",
      WORKER,
      String(killAfterCommits),
      NOW.toISOString(),
      String(POLICY.keepFullDays),
      String(POLICY.keepHourlyDays),
      "15",
    ],
    { env: { ...process.env, DATABASE_URL: `file:${file}`, BALLAST_POLLER: "off" }, stdio: ["ignore", "pipe", "inherit"] },
  );
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  return new Promise((resolve) => child.once("exit", (_code, signal) => resolve({ signal, output })));
}

describe("retention through the real store", () => {
  let file: string;
  let cleanup: () => Promise<void>;
  let pinned: string[];
  let before: Map<string, string>;
  let aggregatesBefore: Map<string, string>;
  let removals: Set<string>;
  let crashCopy: string;

  beforeAll(async () => {
    ({ file, cleanup } = await useFreshDatabase());
    const history = await writeSyntheticHistory({
      hosts: 2,
      days: 3,
      intervalMinutes: 10,
      end: NOW,
      imagesPerHost: 6,
      containersPerHost: 4,
      volumesPerHost: 3,
    });
    const [hostA] = history.hostIds;
    // An outage in the hourly range: 12 failed polls a minute apart after the 10-minute polls.
    for (let i = 0; i < 12; i += 1)
      await saveFailedSnapshot(hostA, new PollFailure("refused", "refused"), new Date(NOW.getTime() - 40 * HOUR + 60_000 * (i + 1)), 1);
    // References from a run and a suggestion to snapshots the rule would otherwise drop (not first of their hour).
    const old = await db().snapshot.findMany({
      where: { hostId: hostA, status: "ok", takenAt: { lt: new Date(NOW.getTime() - 30 * HOUR) } },
      orderBy: { takenAt: "asc" },
    });
    const notFirst = old.filter((s) => s.takenAt.getUTCMinutes() !== 0);
    pinned = [notFirst[3].id, notFirst[9].id, notFirst[20].id];
    const suggestion = await db().suggestion.create({
      data: {
        hostId: hostA,
        snapshotId: pinned[0],
        strategy: "dangling",
        title: "t",
        reason: "r",
        targetsJson: "[]",
        bytes: 1n,
        monthlyCost: 0,
        risk: "low",
        actionable: true,
        status: "approved",
      },
    });
    await db().actionRun.create({
      data: {
        suggestionId: suggestion.id,
        hostId: hostA,
        hostName: "a",
        approvedBy: "test",
        status: "done",
        expectedBytes: 1n,
        snapshotBeforeId: pinned[1],
        snapshotAfterId: pinned[2],
      },
    });
    await db().$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
    crashCopy = path.join(path.dirname(file), "crash.db");
    fs.copyFileSync(file, crashCopy);
    before = await readAll();
    aggregatesBefore = aggregatesInForce(file);
    removals = await expectedRemovals();
  });
  afterAll(async () => cleanup());

  it("removes exactly what the rule says, keeps what is referenced, and every kept snapshot reads back the same", async () => {
    expect(removals.size).toBeGreaterThan(before.size / 3);
    expect(consistency(file)).toEqual(consistent);
    // The whole job as the poller runs it: pass, space given back, note, audit entry.
    const note = await runRetention({ now: NOW, policy: POLICY, sliceSize: 25, graceMs: 0 });
    expect(note.error).toBeNull();
    expect(note.snapshotsRemoved).toBe(removals.size);
    // Holders of shared rows were among the removed and handed their rows over.
    expect(note.partsHandedOver).toBeGreaterThan(0);
    expect(await getRetentionNote()).toEqual(note);
    const audit = (await listAudit()).filter((entry) => entry.action === "retention_pass");
    expect(audit).toHaveLength(1);
    expect(audit[0].details.snapshotsRemoved).toBe(removals.size);
    // New databases free pages incrementally: the file really shrinks and keeps no free pages.
    expect(note.autoVacuum).toBe("incremental");
    expect(note.freeBytes).toBe(0);
    expect(note.fileBytesAfter).toBeLessThan(note.fileBytesBefore);
    const after = await readAll();
    expect(new Set(after.keys())).toEqual(new Set([...before.keys()].filter((id) => !removals.has(id))));
    for (const [id, view] of after) expect(view, id).toBe(before.get(id));
    for (const id of pinned) expect(after.has(id)).toBe(true);
    expect(consistency(file)).toEqual(consistent);
    expectSameAggregates(aggregatesInForce(file), aggregatesBefore);
    // The outage is thinned like good polls: its first failure per hour stays.
    const failed = await db().snapshot.findMany({
      where: { status: "failed", takenAt: { gt: new Date(NOW.getTime() - 41 * HOUR), lt: new Date(NOW.getTime() - 39 * HOUR) } },
    });
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.length).toBeLessThan(12);
    // A second pass has nothing left to do.
    expect((await runRetentionPass({ now: NOW, policy: POLICY, graceMs: 0 })).snapshotsRemoved).toBe(0);
    // ...and a pass that removed nothing leaves no audit entry.
    await runRetention({ now: NOW, policy: POLICY, graceMs: 0 });
    expect((await listAudit()).filter((entry) => entry.action === "retention_pass")).toHaveLength(1);
  });

  it("the writer goes on sharing unchanged parts after a pass", async () => {
    const host = (await db().host.findMany({ orderBy: { createdAt: "asc" } }))[0];
    const latest = await db().snapshot.findFirstOrThrow({ where: { hostId: host.id, status: "ok" }, orderBy: { takenAt: "desc" } });
    const snapshot = (await loadHostSnapshot(latest.id))!;
    const next = await saveSnapshot(host.id, { ...snapshot, takenAt: new Date(NOW.getTime() + 600_000).toISOString() });
    const row = await db().snapshot.findUniqueOrThrow({ where: { id: next } });
    expect([row.imagesFromId, row.containersFromId, row.volumesFromId, row.buildCacheFromId].every((id) => id !== null)).toBe(true);
    const strip = (s: typeof snapshot | null) => JSON.stringify({ ...s!, takenAt: "", images: s!.images.map((i) => ({ ...i, lastUsedAt: null })) });
    expect(strip(await loadHostSnapshot(next))).toBe(strip(snapshot));
    expect(consistency(file)).toEqual(consistent);
  });

  it("a pass killed after any transaction leaves a consistent database; the next pass finishes the job", async () => {
    await resetDb();
    process.env.DATABASE_URL = `file:${crashCopy}`;
    // Kill points by count of committed transactions: mid-handover, then mid-delete (each run goes on
    // from where the last one died); the lines say which kind of transaction each run died after.
    const diedAfter: string[] = [];
    for (const killAfter of [5, 60, 10]) {
      const { signal, output } = await runWorker(crashCopy, killAfter);
      expect(signal).toBe("SIGKILL");
      diedAfter.push(output.trim().split("\n").at(-1)!);
      expect(consistency(crashCopy)).toEqual(consistent);
      const now = await readAll();
      for (const [id, view] of now) expect(view, id).toBe(before.get(id));
      for (const id of pinned) expect(now.has(id)).toBe(true);
      expectSameAggregates(aggregatesInForce(crashCopy), aggregatesBefore);
    }
    expect(diedAfter).toEqual(["handover", "delete", "delete"]);
    const done = await runWorker(crashCopy, 0);
    expect(done.signal).toBeNull();
    const after = await readAll();
    expect(new Set(after.keys())).toEqual(new Set([...before.keys()].filter((id) => !removals.has(id))));
    for (const [id, view] of after) expect(view, id).toBe(before.get(id));
    expect(consistency(crashCopy)).toEqual(consistent);
    expectSameAggregates(aggregatesInForce(crashCopy), aggregatesBefore);
  });
});
