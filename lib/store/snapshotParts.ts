import crypto from "node:crypto";
import type { HostSnapshot } from "@/lib/collect/schema";

// The mutable parts of a snapshot as the rows that store them (without their snapshot id), and a
// content hash of each: a part whose hash equals the previous snapshot's is not written again.

const json = (value: unknown) => JSON.stringify(value);
const date = (iso: string | null) => (iso ? new Date(iso) : null);

export const PART_KINDS = ["images", "containers", "volumes", "buildCache"] as const;
export type PartKind = (typeof PART_KINDS)[number];

const byKey =
  <T>(key: (row: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

/** Rows in a canonical order (the engine lists some parts in map order, different at each call). */
export function snapshotPartRows(snapshot: HostSnapshot) {
  return {
    images: [...snapshot.images].sort(byKey((image) => image.id)).map((image) => ({
      imageId: image.id,
      tagsJson: json(image.tags),
      digestsJson: json(image.digests),
      dangling: image.dangling,
      intermediate: image.intermediate,
      containers: image.containers,
      engineSizeBytes: image.engineSizeBytes,
      engineSharedBytes: image.engineSharedBytes,
    })),
    containers: [...snapshot.containers].sort(byKey((c) => c.id)).map((c) => ({
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
    volumes: [...snapshot.volumes].sort(byKey((v) => v.name)).map((v) => ({
      name: v.name,
      driver: v.driver,
      anonymous: v.anonymous,
      mountpoint: v.mountpoint,
      createdAt: date(v.createdAt),
      labelsJson: json(v.labels),
      sizeBytes: v.sizeBytes,
      refCount: v.refCount,
    })),
    buildCache: [...snapshot.buildCache].sort(byKey((b) => b.id)).map((b) => ({
      cacheId: b.id,
      type: b.type,
      description: b.description,
      inUse: b.inUse,
      shared: b.shared,
      sizeBytes: b.sizeBytes,
      createdAt: date(b.createdAt),
      lastUsedAt: date(b.lastUsedAt),
      usageCount: b.usageCount,
      parentsJson: json(b.parents),
    })),
  };
}

export type SnapshotPartRows = ReturnType<typeof snapshotPartRows>;

/** SHA-256 of a part's rows (Status strings like "Up 2 hours" change, so a running host's containers rarely match). */
export function partHash(rows: unknown[]): string {
  return crypto.createHash("sha256").update(JSON.stringify(rows)).digest("hex");
}
