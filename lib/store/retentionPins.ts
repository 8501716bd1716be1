import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "./db";

// Snapshots retention must never delete because something else names them: a run's before and after
// snapshots (the audit of what a cleanup saw and left), and every suggestion's snapshot (open ones move
// to the newest snapshot; approved and superseded ones keep the one they were computed from).

type Client = Prisma.TransactionClient;

/** Of `snapshotIds` (or of all of a host's snapshots when omitted), those that a run or suggestion names. */
export async function pinnedSnapshotIds(hostId: string, snapshotIds?: string[], client: Client = db()): Promise<Set<string>> {
  const among = snapshotIds ? { in: snapshotIds } : undefined;
  const [suggestions, before, after] = await Promise.all([
    client.suggestion.findMany({ where: { hostId, ...(among ? { snapshotId: among } : {}) }, select: { snapshotId: true }, distinct: ["snapshotId"] }),
    // Match runs on the snapshot ids themselves (older runs have no host id; there are few runs).
    client.actionRun.findMany({ where: among ? { snapshotBeforeId: among } : {}, select: { snapshotBeforeId: true } }),
    client.actionRun.findMany({ where: among ? { snapshotAfterId: among } : {}, select: { snapshotAfterId: true } }),
  ]);
  return new Set([
    ...suggestions.map((row) => row.snapshotId),
    ...before.map((row) => row.snapshotBeforeId),
    ...after.flatMap((row) => (row.snapshotAfterId ? [row.snapshotAfterId] : [])),
  ]);
}
