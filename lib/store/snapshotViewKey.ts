import "server-only";
import { db } from "./db";

// What a cached snapshot view's request reads before its answer is known (lib/api/explorerRoute.ts,
// cachedSnapshotView): whether the snapshot exists and is a good poll, and its host's name and price,
// which the answer's key holds. Kept per snapshot id in this process (issue 14: a request costs no
// query for it), exactly: a snapshot row never changes once written, and whatever removes snapshots
// or changes a host's name or price runs inside `changingSnapshotKeys` (host edits and deletion in
// lib/store/hostChanges.ts and hostSettings.ts; the retention pass, whose deletes the store worker
// makes, is held from this thread by lib/poller/retention.ts). While one runs every request reads the
// row from the database; when it ends everything kept is forgotten: a removed snapshot is a 404 at once.
// Held on globalThis: one state per process, whichever bundle imports it.

export type SnapshotViewKey = {
  id: string;
  hostId: string;
  status: "ok" | "failed";
  /** A failed poll's own stored message (Ballast's plain words, never a remote body). */
  errorMessage: string | null;
  hostName: string;
  pricePerGbMonth: number | null;
};

type KeyState = { generation: number; changing: number; rows: Map<string, SnapshotViewKey> };

/** Bounded: a key row is small; past this many snapshots the map starts over. */
const MAX_KEYS = 5000;

const globalForKeys = globalThis as unknown as { ballastSnapshotViewKeys?: KeyState };
const state = (): KeyState => (globalForKeys.ballastSnapshotViewKeys ??= { generation: 0, changing: 0, rows: new Map() });

/** Everything kept forgotten (a read that started before is not kept either). */
export function forgetSnapshotViewKeys(): void {
  const s = state();
  s.generation += 1;
  s.rows.clear();
}

/** Runs a change that may remove snapshots or rename or reprice a host: no key is kept or used meanwhile. */
export async function changingSnapshotKeys<T>(change: () => Promise<T>): Promise<T> {
  const s = state();
  s.changing += 1;
  forgetSnapshotViewKeys();
  try {
    return await change();
  } finally {
    s.changing -= 1;
    forgetSnapshotViewKeys();
  }
}

async function readSnapshotViewKey(id: string): Promise<SnapshotViewKey | null> {
  const row = await db().snapshot.findUnique({
    where: { id },
    select: { id: true, hostId: true, status: true, errorMessage: true, host: { select: { name: true, pricePerGbMonth: true } } },
  });
  if (!row) return null;
  const { host, status, ...rest } = row;
  return { ...rest, status: status === "ok" ? "ok" : "failed", hostName: host.name, pricePerGbMonth: host.pricePerGbMonth };
}

export async function getSnapshotViewKey(id: string): Promise<SnapshotViewKey | null> {
  const s = state();
  const kept = s.changing === 0 ? s.rows.get(id) : undefined;
  if (kept) return { ...kept };
  const generation = s.generation;
  const row = await readSnapshotViewKey(id);
  if (row && s.changing === 0 && s.generation === generation) {
    if (s.rows.size >= MAX_KEYS) s.rows.clear();
    s.rows.set(id, { ...row });
  }
  return row;
}
