import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HostSnapshot } from "@/lib/collect/schema";
import { db } from "@/lib/store/db";
import { createHost } from "@/lib/store/hosts";
import { MAX_DELTAS } from "@/lib/store/snapshotImagePart";
import { loadHostSnapshot } from "@/lib/store/snapshotReader";
import { saveSnapshot } from "@/lib/store/snapshotWriter";
import { bigHostSnapshot } from "@/tests/support/bigHost";
import { busyHostPoll } from "@/tests/support/busyHost";
import { useFreshDatabase } from "@/tests/support/testDatabase";

// Issue 14: a busy CI host's image part changes at every poll (tags move, container counts change,
// images come and go). The store keeps it as keyframes and deltas: every snapshot reads back exactly
// what was saved, through the real store, and the database grows by kilobytes a poll, not megabytes.

const imagesOf = (snapshot: HostSnapshot | null) => snapshot!.images.map(({ firstSeenAt: _f, lastUsedAt: _l, ...image }) => image);
const sorted = (snapshot: HostSnapshot) => imagesOf({ ...snapshot, images: [...snapshot.images].sort((a, b) => (a.id < b.id ? -1 : 1)) });

describe("image parts as keyframes and deltas", () => {
  let cleanup: () => Promise<void>;
  let file: string;
  let hostId: string;
  /** Bytes of pages the image part's table and its indexes use (SQLite's dbstat), after a checkpoint. */
  const usedBytes = () => {
    const sqlite = new Database(file);
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
    const { bytes } = sqlite.prepare(`SELECT SUM(pgsize) AS bytes FROM dbstat WHERE name LIKE '%SnapshotImagePart%'`).get() as { bytes: number };
    sqlite.close();
    return bytes;
  };
  beforeAll(async () => {
    ({ cleanup, file } = await useFreshDatabase());
    hostId = (await createHost({ name: "busy", endpoint: "unix:///x.sock" })).id;
  });
  afterAll(async () => cleanup());

  it("reads every poll of a busy host back as saved, across keyframes, within 10 kB a poll", async () => {
    const base = bigHostSnapshot();
    const saved: [string, HostSnapshot][] = [];
    saved.push([await saveSnapshot(hostId, busyHostPoll(0, base)), busyHostPoll(0, base)]);
    const before = usedBytes();
    const polls = MAX_DELTAS + 6;
    for (let poll = 1; poll <= polls; poll++) {
      const snapshot = busyHostPoll(poll, base);
      const id = await saveSnapshot(hostId, snapshot);
      saved.push([id, snapshot]);
    }
    const perPoll = (usedBytes() - before) / polls;
    // Deltas, and one keyframe after MAX_DELTAS of them.
    expect(await db().snapshotImagePart.count({ where: { depth: 0 } })).toBe(2);
    // The image part's own share of the 20 kB a poll a busy host may grow by (the bench measures the whole file).
    expect(perPoll).toBeLessThan(10_000);
    for (const [id, snapshot] of saved) expect(imagesOf(await loadHostSnapshot(id))).toEqual(sorted(snapshot));
    console.log(`busy host: ${(perPoll / 1000).toFixed(1)} kB a poll over ${polls} polls`);
  }, 600_000);

  it("an unchanged host adds no image part rows: its snapshots share the holder's", async () => {
    const snapshot = busyHostPoll(200);
    const first = await saveSnapshot(hostId, snapshot);
    const before = usedBytes();
    const ids = [];
    for (let poll = 1; poll <= 5; poll++)
      ids.push(await saveSnapshot(hostId, { ...snapshot, takenAt: new Date(Date.parse(snapshot.takenAt) + poll * 300_000).toISOString() }));
    expect(usedBytes() - before).toBe(0);
    const rows = await db().snapshot.findMany({ where: { id: { in: ids } }, select: { imagesFromId: true } });
    expect(rows.every((row) => row.imagesFromId === first)).toBe(true);
    expect(imagesOf(await loadHostSnapshot(ids.at(-1)!))).toEqual(sorted(snapshot));
  }, 60_000);
});
