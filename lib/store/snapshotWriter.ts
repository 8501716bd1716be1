import "server-only";
import type { ImageFacts } from "@/lib/collect/collectSnapshot";
import type { PollFailure } from "@/lib/collect/pollFailure";
import type { HostSnapshot } from "@/lib/collect/schema";
import { db } from "./db";
import { categoryTotals } from "@/lib/analysis/cost";

const json = (value: unknown) => JSON.stringify(value);

/**
 * Stores a good snapshot in one transaction. Images and layers are content-addressed: only those
 * never seen before are written, so the database grows with what changes, not with the number of polls.
 */
export async function saveSnapshot(hostId: string, snapshot: HostSnapshot, facts: Map<string, ImageFacts> = new Map()): Promise<string> {
  const totals = categoryTotals(snapshot);
  const diffIdByChain = new Map(snapshot.layers.map((layer) => [layer.chainId, layer.diffId]));
  return db().$transaction(async (tx) => {
    const imageIds = snapshot.images.map((image) => image.id);
    const knownImages = new Set((await tx.image.findMany({ where: { id: { in: imageIds } }, select: { id: true } })).map((row) => row.id));
    const chainIds = snapshot.layers.map((layer) => layer.chainId);
    const knownLayers = new Set((await tx.layer.findMany({ where: { chainId: { in: chainIds } }, select: { chainId: true } })).map((row) => row.chainId));
    await tx.layer.createMany({
      data: snapshot.layers
        .filter((layer) => !knownLayers.has(layer.chainId))
        .map((layer) => ({ ...layer, createdAt: layer.createdAt ? new Date(layer.createdAt) : null })),
    });
    await tx.image.createMany({
      data: snapshot.images
        .filter((image) => !knownImages.has(image.id))
        .map((image) => ({
          id: image.id,
          createdAt: new Date(image.createdAt),
          parentId: image.parentId,
          labelsJson: json(image.labels),
          chainJson: json(image.chain),
          diffIdsJson: json(image.chain.map((chainId) => diffIdByChain.get(chainId))),
          sizeBytes: image.sizeBytes,
          historyJson: json(facts.get(image.id)?.history ?? []),
        })),
    });
    const row = await tx.snapshot.create({
      data: {
        hostId,
        takenAt: new Date(snapshot.takenAt),
        durationMs: snapshot.durationMs,
        status: "ok",
        engineId: snapshot.engine.id,
        engineName: snapshot.engine.name,
        engineVersion: snapshot.engine.version,
        apiVersion: snapshot.engine.apiVersion,
        storageDriver: snapshot.engine.storageDriver,
        dataRoot: snapshot.engine.dataRoot,
        os: snapshot.engine.os,
        arch: snapshot.engine.arch,
        kernelVersion: snapshot.engine.kernelVersion,
        layersSizeBytes: snapshot.layersSizeBytes,
        containersWritableBytes: totals.containers,
        volumesBytes: totals.volumes,
        buildCacheBytes: totals.buildCache,
        logsBytes: totals.logs,
      },
    });
    const snapshotId = row.id;
    await tx.snapshotImage.createMany({
      data: snapshot.images.map((image) => ({
        snapshotId,
        imageId: image.id,
        tagsJson: json(image.tags),
        digestsJson: json(image.digests),
        dangling: image.dangling,
        intermediate: image.intermediate,
        containers: image.containers,
        engineSizeBytes: image.engineSizeBytes,
        engineSharedBytes: image.engineSharedBytes,
      })),
    });
    await tx.snapshotContainer.createMany({
      data: snapshot.containers.map((c) => ({
        snapshotId,
        containerId: c.id,
        name: c.name,
        imageId: c.imageId,
        image: c.image,
        command: c.command,
        state: c.state,
        status: c.status,
        createdAt: new Date(c.createdAt),
        writableBytes: c.writableBytes,
        rootFsBytes: c.rootFsBytes,
        labelsJson: json(c.labels),
        mountsJson: json(c.mounts),
        logDriver: c.logDriver,
        logOptionsJson: json(c.logOptions),
        logPath: c.logPath,
        logBytes: c.logBytes,
      })),
    });
    await tx.snapshotVolume.createMany({
      data: snapshot.volumes.map((v) => ({
        snapshotId,
        name: v.name,
        driver: v.driver,
        anonymous: v.anonymous,
        mountpoint: v.mountpoint,
        createdAt: v.createdAt ? new Date(v.createdAt) : null,
        labelsJson: json(v.labels),
        sizeBytes: v.sizeBytes,
        refCount: v.refCount,
      })),
    });
    await tx.snapshotBuildCache.createMany({
      data: snapshot.buildCache.map((b) => ({
        snapshotId,
        cacheId: b.id,
        type: b.type,
        description: b.description,
        inUse: b.inUse,
        shared: b.shared,
        sizeBytes: b.sizeBytes,
        createdAt: b.createdAt ? new Date(b.createdAt) : null,
        lastUsedAt: b.lastUsedAt ? new Date(b.lastUsedAt) : null,
        usageCount: b.usageCount,
        parentsJson: json(b.parents),
      })),
    });
    return snapshotId;
  });
}

/** Records a failed poll. It never replaces the last good snapshot: readers pick the latest "ok" one. */
export async function saveFailedSnapshot(hostId: string, failure: PollFailure, takenAt: Date, durationMs: number): Promise<string> {
  const row = await db().snapshot.create({
    data: { hostId, takenAt, durationMs, status: "failed", errorCode: failure.code, errorMessage: failure.message },
  });
  return row.id;
}
