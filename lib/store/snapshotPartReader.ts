import "server-only";
import type { BuildCacheRecord, Container, Image, Volume } from "@/lib/collect/schema";
import { inBatches } from "./batches";
import { db } from "./db";
import { parseJson, toNumber } from "./snapshotMapper";

// Reads a snapshot's mutable parts from the snapshot whose rows hold them (itself, or an earlier one
// with identical content: see snapshotWriter) and maps rows back to HostSnapshot parts.

type Client = ReturnType<typeof db>;
type ContainerRow = Awaited<ReturnType<Client["snapshotContainer"]["findFirstOrThrow"]>>;
type PartHolders = { id: string; imagesFromId: string | null; containersFromId: string | null; volumesFromId: string | null; buildCacheFromId: string | null };

export function containerFromRow(c: ContainerRow): Container {
  return {
    id: c.containerId,
    name: c.name,
    imageId: c.imageId,
    image: c.image,
    command: c.command,
    state: c.state,
    status: c.status,
    createdAt: c.createdAt.toISOString(),
    writableBytes: toNumber(c.writableBytes) ?? 0,
    rootFsBytes: toNumber(c.rootFsBytes) ?? 0,
    labels: parseJson(c.labelsJson, {}),
    mounts: parseJson(c.mountsJson, []),
    logDriver: c.logDriver,
    logOptions: parseJson(c.logOptionsJson, {}),
    logPath: c.logPath,
    logBytes: toNumber(c.logBytes),
  };
}

async function loadImages(snapshotId: string): Promise<Image[]> {
  // Two plain queries instead of `include: { image: true }`: Prisma loads that relation with two bound
  // values per image in one statement, which a host with ~1,000 images already exceeds.
  const snapshotRows = await db().snapshotImage.findMany({ where: { snapshotId } });
  const hostId = snapshotRows[0]?.hostId ?? "";
  const imageRows = await inBatches(
    snapshotRows.map((si) => si.imageId),
    (ids) => db().image.findMany({ where: { hostId, id: { in: ids } } }),
  );
  const imagesById = new Map(imageRows.map((image) => [image.id, image]));
  const rows = snapshotRows.map((si) => ({ ...si, image: imagesById.get(si.imageId)! }));
  return rows.map((si) => ({
    id: si.imageId,
    tags: parseJson(si.tagsJson, []),
    digests: parseJson(si.digestsJson, []),
    createdAt: si.image.createdAt.toISOString(),
    parentId: si.image.parentId,
    labels: parseJson(si.image.labelsJson, {}),
    chain: parseJson(si.image.chainJson, []),
    sizeBytes: toNumber(si.image.sizeBytes) ?? 0,
    dangling: si.dangling,
    intermediate: si.intermediate,
    engineSizeBytes: toNumber(si.engineSizeBytes),
    engineSharedBytes: toNumber(si.engineSharedBytes),
    containers: si.containers,
    firstSeenAt: si.image.firstSeenAt.toISOString(),
    lastUsedAt: si.image.lastUsedAt?.toISOString() ?? null,
  }));
}

async function loadVolumes(snapshotId: string): Promise<Volume[]> {
  const rows = await db().snapshotVolume.findMany({ where: { snapshotId } });
  return rows.map((v) => ({
    name: v.name,
    driver: v.driver,
    anonymous: v.anonymous,
    mountpoint: v.mountpoint,
    createdAt: v.createdAt?.toISOString() ?? null,
    labels: parseJson(v.labelsJson, {}),
    sizeBytes: toNumber(v.sizeBytes),
    refCount: v.refCount,
  }));
}

async function loadBuildCache(snapshotId: string): Promise<BuildCacheRecord[]> {
  const rows = await db().snapshotBuildCache.findMany({ where: { snapshotId } });
  return rows.map((b) => ({
    id: b.cacheId,
    type: b.type,
    description: b.description,
    inUse: b.inUse,
    shared: b.shared,
    sizeBytes: toNumber(b.sizeBytes) ?? 0,
    createdAt: b.createdAt?.toISOString() ?? null,
    lastUsedAt: b.lastUsedAt?.toISOString() ?? null,
    usageCount: b.usageCount,
    parents: parseJson(b.parentsJson, []),
  }));
}

/** The four mutable parts of a snapshot, each read from the snapshot that holds its rows. */
export async function loadSnapshotParts(row: PartHolders) {
  const [images, containers, volumes, buildCache] = await Promise.all([
    loadImages(row.imagesFromId ?? row.id),
    db()
      .snapshotContainer.findMany({ where: { snapshotId: row.containersFromId ?? row.id } })
      .then((rows) => rows.map(containerFromRow)),
    loadVolumes(row.volumesFromId ?? row.id),
    loadBuildCache(row.buildCacheFromId ?? row.id),
  ]);
  return { images, containers, volumes, buildCache };
}
