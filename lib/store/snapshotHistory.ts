import "server-only";
import type { Container, HostSnapshot } from "@/lib/collect/schema";
import { db } from "./db";
import { parseJson, toNumber } from "./snapshotMapper";

// A host's recent good snapshots, as much as "last used by" needs (containers and their mounts), never
// the images and layers: 50 full snapshots of a large host would be tens of megabytes for nothing.

export const HISTORY_LIMIT = 50;

type ContainerRow = Awaited<ReturnType<ReturnType<typeof db>["snapshotContainer"]["findFirstOrThrow"]>>;

function toContainer(row: ContainerRow): Container {
  return {
    id: row.containerId,
    name: row.name,
    imageId: row.imageId,
    image: row.image,
    command: row.command,
    state: row.state,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    writableBytes: toNumber(row.writableBytes) ?? 0,
    rootFsBytes: toNumber(row.rootFsBytes) ?? 0,
    labels: parseJson(row.labelsJson, {}),
    mounts: parseJson(row.mountsJson, []),
    logDriver: row.logDriver,
    logOptions: parseJson(row.logOptionsJson, {}),
    logPath: row.logPath,
    logBytes: toNumber(row.logBytes),
  };
}

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
    select: { takenAt: true, containers: true },
  });
  return rows.reverse().map((row) => ({ takenAt: row.takenAt.toISOString(), containers: row.containers.map(toContainer), volumes: [] }));
}
