import "server-only";
import type { ImageFacts } from "@/lib/collect/collectSnapshot";
import type { PollFailure } from "@/lib/collect/pollFailure";
import type { HostSnapshot } from "@/lib/collect/schema";
import { categoryTotals } from "@/lib/analysis/cost";
import { db } from "./db";
import { snapshotViews } from "./snapshotViewCache";
import { diskColumns } from "./snapshotDisk";
import { PART_KINDS, partHash, snapshotPartRows, type PartKind, type SnapshotPartRows } from "./snapshotParts";
import { AGGREGATES_VERSION, saveAggregates } from "./snapshotAggregates";
import { writeImagePart } from "./snapshotImagePart";
import { imageEntries } from "./imagePartCodec";
import { writeContainerSet } from "./containerSet";

const json = (value: unknown) => JSON.stringify(value);

/** Each part's read time; null where it was read at takenAt (so older rows and fresh reads look alike). */
function asOfColumns(snapshot: HostSnapshot) {
  const at = (time: string | undefined) => (time && time !== snapshot.takenAt ? new Date(time) : null);
  return {
    imagesAsOf: at(snapshot.asOf?.images),
    containersAsOf: at(snapshot.asOf?.containers),
    volumesAsOf: at(snapshot.asOf?.volumes),
    buildCacheAsOf: at(snapshot.asOf?.buildCache),
  };
}

type Tx = Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0];

// Prisma's query compiler (wasm) keeps its memory at the largest query it compiled, for the thread's
// life: one createMany of a 5,000-image host's first save held 65 MB there (issue 14: RSS). New rows
// go in statements of at most this many, inside the same transaction.
const ROWS_PER_CREATE = 250;
const rowBatches = <T>(rows: T[]): T[][] =>
  Array.from({ length: Math.ceil(rows.length / ROWS_PER_CREATE) }, (_, i) => rows.slice(i * ROWS_PER_CREATE, (i + 1) * ROWS_PER_CREATE));

/**
 * Images and layers are stored once per host: write only those this host never reported before, and
 * note when it first did. A host's rows are never read for another host (issue 8).
 */
async function saveNewImagesAndLayers(tx: Tx, hostId: string, snapshot: HostSnapshot, facts: Map<string, ImageFacts>): Promise<void> {
  const imageIds = snapshot.images.map((i) => i.id);
  const knownImages = new Set((await tx.image.findMany({ where: { hostId, id: { in: imageIds } }, select: { id: true } })).map((r) => r.id));
  const knownLayers = new Set(
    (await tx.layer.findMany({ where: { hostId, chainId: { in: snapshot.layers.map((l) => l.chainId) } }, select: { chainId: true } })).map((r) => r.chainId),
  );
  const diffIdByChain = new Map(snapshot.layers.map((layer) => [layer.chainId, layer.diffId]));
  const takenAt = new Date(snapshot.takenAt);
  const newLayers = snapshot.layers.filter((layer) => !knownLayers.has(layer.chainId));
  for (const batch of rowBatches(newLayers))
    await tx.layer.createMany({ data: batch.map((layer) => ({ ...layer, hostId, createdAt: layer.createdAt ? new Date(layer.createdAt) : null })) });
  for (const batch of rowBatches(snapshot.images.filter((image) => !knownImages.has(image.id))))
    await tx.image.createMany({
      data: batch.map((image) => ({
        hostId,
        id: image.id,
        createdAt: new Date(image.createdAt),
        parentId: image.parentId,
        labelsJson: json(image.labels),
        chainJson: json(image.chain),
        diffIdsJson: json(image.chain.map((chainId) => diffIdByChain.get(chainId))),
        sizeBytes: image.sizeBytes,
        historyJson: json(facts.get(image.id)?.history ?? []),
        firstSeenAt: takenAt,
      })),
    });
  // "Unused for N days" counts from the last time a container was seen using the image.
  const used = [...new Set([...snapshot.containers.map((c) => c.imageId), ...snapshot.images.filter((i) => i.containers > 0).map((i) => i.id)])];
  if (used.length > 0) await tx.image.updateMany({ where: { hostId, id: { in: used } }, data: { lastUsedAt: takenAt } });
}

const HASHES = { id: true, imagesHash: true, containersHash: true, volumesHash: true, buildCacheHash: true } as const;

/** Per part: its hash, and the snapshot already holding identical rows (the previous one's holder), if any. */
async function sharedParts(tx: Tx, hostId: string, rows: SnapshotPartRows) {
  const previous = await tx.snapshot.findFirst({ where: { hostId, status: "ok" }, orderBy: { takenAt: "desc" } });
  // A part's hash is stored on its holder only (a reader's would repeat it: 4 × 64 bytes of an unchanged
  // host's ~800 per poll, issue 14); older readers still carry their own copy.
  const holderIds = previous ? [...new Set(PART_KINDS.flatMap((kind) => (previous[`${kind}Hash`] === null ? [previous[`${kind}FromId`]] : [])))] : [];
  const holders = new Map(
    holderIds.length === 0
      ? []
      : (await tx.snapshot.findMany({ where: { id: { in: holderIds.filter((id): id is string => id !== null) } }, select: HASHES })).map((row) => [
          row.id,
          row,
        ]),
  );
  const previousHash = (kind: PartKind) => previous?.[`${kind}Hash`] ?? holders.get(previous?.[`${kind}FromId`] ?? "")?.[`${kind}Hash`] ?? null;
  const part = (kind: PartKind) => {
    const hash = partHash(rows[kind]);
    const same = previous !== null && previousHash(kind) === hash;
    return { hash, fromId: same ? (previous[`${kind}FromId`] ?? previous.id) : null };
  };
  return {
    images: part("images"),
    containers: part("containers"),
    volumes: part("volumes"),
    buildCache: part("buildCache"),
    /** The snapshot holding the previous snapshot's image part: a changed part is stored as a delta against it. */
    previousImagesHolder: previous ? (previous.imagesFromId ?? previous.id) : null,
    // Aggregates are change points against the previous poll: only once that one has its own (else the backfill will).
    aggregates: previous === null || previous.aggregatesVersion !== null,
  };
}

/**
 * Stores a good snapshot in one transaction. Images and layers are stored once per host; the mutable
 * parts (image tags, containers, volumes, build cache) only when they differ from the host's previous
 * snapshot, so the database grows with what changes, not with the number of polls.
 */
export async function saveSnapshot(hostId: string, snapshot: HostSnapshot, facts: Map<string, ImageFacts> = new Map()): Promise<string> {
  const totals = categoryTotals(snapshot);
  const rows = snapshotPartRows(snapshot);
  const snapshotId = await db().$transaction(async (tx) => {
    await saveNewImagesAndLayers(tx, hostId, snapshot, facts);
    const parts = await sharedParts(tx, hostId, rows);
    const { id: snapshotId } = await tx.snapshot.create({
      data: {
        hostId,
        takenAt: new Date(snapshot.takenAt),
        durationMs: snapshot.durationMs,
        status: "ok",
        engineId: snapshot.engine.id,
        engineName: snapshot.engine.name,
        engineVersion: snapshot.engine.version,
        apiVersion: snapshot.engine.apiVersion,
        maxApiVersion: snapshot.engine.maxApiVersion,
        imageStore: snapshot.engine.imageStore,
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
        ...diskColumns(snapshot),
        ...asOfColumns(snapshot),
        imagesHash: parts.images.fromId ? null : parts.images.hash,
        containersHash: parts.containers.fromId ? null : parts.containers.hash,
        volumesHash: parts.volumes.fromId ? null : parts.volumes.hash,
        buildCacheHash: parts.buildCache.fromId ? null : parts.buildCache.hash,
        imagesFromId: parts.images.fromId,
        containersFromId: parts.containers.fromId,
        volumesFromId: parts.volumes.fromId,
        buildCacheFromId: parts.buildCache.fromId,
        aggregatesVersion: parts.aggregates ? AGGREGATES_VERSION : null,
      },
    });
    const own = <T>(kind: PartKind, data: T[]) => (parts[kind].fromId ? [] : data.map((row) => ({ ...row, snapshotId })));
    if (!parts.images.fromId) await writeImagePart(tx, snapshotId, parts.previousImagesHolder, imageEntries(snapshot.images));
    if (!parts.containers.fromId) await writeContainerSet(tx, snapshotId, rows.containers);
    await tx.snapshotVolume.createMany({ data: own("volumes", rows.volumes) });
    await tx.snapshotBuildCache.createMany({ data: own("buildCache", rows.buildCache) });
    if (parts.aggregates) await saveAggregates(tx, hostId, snapshotId, snapshot);
    return snapshotId;
  });
  // This save moved the host's images' lastUsedAt: cached views of its earlier snapshots are stale.
  snapshotViews().forgetHost(hostId);
  return snapshotId;
}

/** Records a failed poll. It never replaces the last good snapshot: readers pick the latest "ok" one. */
export async function saveFailedSnapshot(hostId: string, failure: PollFailure, takenAt: Date, durationMs: number): Promise<string> {
  const row = await db().snapshot.create({
    data: { hostId, takenAt, durationMs, status: "failed", errorCode: failure.code, errorMessage: failure.message },
  });
  return row.id;
}
