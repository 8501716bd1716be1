import "server-only";
import type { BuildCacheRecord, Image, Volume } from "@/lib/collect/schema";
import { inBatches } from "./batches";
import { db } from "./db";
import { parseJson, toNumber } from "./snapshotMapper";
import { readImageEntries } from "./snapshotImagePart";
import { byImageId } from "./imagePartCodec";
import { readContainerParts } from "./containerSet";

// Reads a snapshot's mutable parts from the snapshot whose rows hold them (itself, or an earlier one
// with identical content: see snapshotWriter) and maps rows back to HostSnapshot parts.

type PartHolders = {
  id: string;
  hostId: string;
  imagesFromId: string | null;
  containersFromId: string | null;
  volumesFromId: string | null;
  buildCacheFromId: string | null;
};

async function loadImages(holderId: string, hostId: string): Promise<Image[]> {
  const entries = byImageId((await readImageEntries(holderId)).values());
  // The holder is a snapshot of the same host: its entries name this host's Image rows.
  const imageRows = await inBatches(
    entries.map((entry) => entry.imageId),
    (ids) => db().image.findMany({ where: { hostId, id: { in: ids } } }),
  );
  const imagesById = new Map(imageRows.map((image) => [image.id, image]));
  return entries.map((entry) => {
    const image = imagesById.get(entry.imageId)!;
    return {
      id: entry.imageId,
      tags: entry.tags,
      digests: entry.digests,
      createdAt: image.createdAt.toISOString(),
      parentId: image.parentId,
      labels: parseJson(image.labelsJson, {}),
      chain: parseJson(image.chainJson, []),
      sizeBytes: toNumber(image.sizeBytes) ?? 0,
      dangling: entry.dangling,
      intermediate: entry.intermediate,
      engineSizeBytes: entry.engineSizeBytes,
      engineSharedBytes: entry.engineSharedBytes,
      containers: entry.containers,
      firstSeenAt: image.firstSeenAt.toISOString(),
      lastUsedAt: image.lastUsedAt?.toISOString() ?? null,
    };
  });
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
    loadImages(row.imagesFromId ?? row.id, row.hostId),
    readContainerParts([row.containersFromId ?? row.id]).then((parts) => [...parts.values()][0]),
    loadVolumes(row.volumesFromId ?? row.id),
    loadBuildCache(row.buildCacheFromId ?? row.id),
  ]);
  return { images, containers, volumes, buildCache };
}
