import "server-only";
import type { HostSnapshot } from "@/lib/collect/schema";
import { db } from "./db";
import { readContainerParts } from "./containerSet";

// A host's recent good snapshots, as much as "last used by" needs (containers and their mounts), never
// the images and layers: 50 full snapshots of a large host would be tens of megabytes for nothing.

export const HISTORY_LIMIT = 50;

/**
 * The host's good snapshots before `snapshotId` (taken no later than `takenAt`), oldest first, at most
 * `limit`, each with its containers only (volumes left empty: only the latest snapshot's volumes count).
 */
export async function listSnapshotHistory(
  hostId: string,
  snapshotId: string,
  takenAt: string,
  limit = HISTORY_LIMIT,
): Promise<Pick<HostSnapshot, "takenAt" | "containers" | "volumes">[]> {
  const rows = await db().snapshot.findMany({
    where: { hostId, status: "ok", takenAt: { lte: new Date(takenAt) }, id: { not: snapshotId } },
    orderBy: { takenAt: "desc" },
    take: limit,
    select: { id: true, takenAt: true, containersFromId: true },
  });
  // Snapshots whose containers did not change share one set of rows: read each set once.
  const holderOf = (row: (typeof rows)[number]) => row.containersFromId ?? row.id;
  const holders = [...new Set(rows.map(holderOf))];
  const byHolder = await readContainerParts(holders);
  return rows.reverse().map((row) => ({ takenAt: row.takenAt.toISOString(), containers: byHolder.get(holderOf(row)) ?? [], volumes: [] }));
}
