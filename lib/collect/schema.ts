import { z } from "zod";
import { filesystemSchema, storeUsageSchema } from "@/lib/agent/protocol";

// The single definition of what one poll of a Docker host yields. Everything downstream
// (store, analysis, API) uses `HostSnapshot` = z.infer of this schema.

const digest = z.string().regex(/^sha256:[0-9a-f]{64}$/, "expected a sha256 digest");
const bytes = z.number().int().nonnegative();
const isoTime = z.string().datetime({ offset: true });
const labels = z.record(z.string(), z.string());

export const engineInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  version: z.string(),
  /** The Engine API version Ballast negotiated and sent every request under. */
  apiVersion: z.string(),
  /** The newest API version the engine speaks (`/version` ApiVersion). */
  maxApiVersion: z.string(),
  /** `graphdriver` (overlay2 …) or `containerd` (the containerd image store): they count bytes differently. */
  imageStore: z.enum(["graphdriver", "containerd"]),
  storageDriver: z.string(),
  dataRoot: z.string(),
  os: z.string(),
  arch: z.string(),
  kernelVersion: z.string(),
  cpus: z.number().int().nonnegative(),
  memoryBytes: bytes,
});

/** One layer of the layer store, keyed by chain ID (the same diff ID on two chains is stored twice). */
export const layerSchema = z.object({
  chainId: digest,
  diffId: digest,
  parentChainId: digest.nullable(),
  /** Size of the layer's own diff as the engine reports it (history `Size`). */
  sizeBytes: bytes,
  /** The Dockerfile step that made the layer (history `CreatedBy`), null where history is missing. */
  createdBy: z.string().nullable(),
  createdAt: isoTime.nullable(),
});

export const imageSchema = z.object({
  id: digest,
  tags: z.array(z.string()),
  digests: z.array(z.string()),
  createdAt: isoTime,
  parentId: z.string().nullable(),
  labels,
  /** Chain IDs of the image's layers, base first. */
  chain: z.array(digest),
  sizeBytes: bytes,
  /** No tag: `docker images -f dangling=true`. */
  dangling: z.boolean(),
  /** Untagged with child images (classic builder intermediates): `/system/df` leaves these out. */
  intermediate: z.boolean(),
  /** `/system/df` Images[].Size and SharedSize for images it lists, kept to verify our accounting. */
  engineSizeBytes: z.number().int().nullable(),
  engineSharedBytes: z.number().int().nullable(),
  /** Number of containers (any state) created from this image. */
  containers: z.number().int().nonnegative(),
  /** When Ballast first saw the image on this host (filled in by the store; absent on a fresh poll). */
  firstSeenAt: isoTime.nullish(),
  /** The newest snapshot of this host in which a container used the image (store, from snapshot history). */
  lastUsedAt: isoTime.nullish(),
});

export const mountSchema = z.object({
  type: z.string(),
  name: z.string().nullable(),
  source: z.string(),
  destination: z.string(),
});

export const containerSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{64}$/),
  name: z.string(),
  imageId: z.string(),
  image: z.string(),
  command: z.string(),
  state: z.string(),
  /** Docker's status text without the relative time ("Up (healthy)", "Exited (0)"). */
  status: z.string(),
  createdAt: isoTime,
  /** Bytes in the container's writable layer (`SizeRw`). */
  writableBytes: bytes,
  /** Image plus writable layer (`SizeRootFs`). */
  rootFsBytes: bytes,
  labels,
  mounts: z.array(mountSchema),
  logDriver: z.string().nullable(),
  logOptions: labels,
  logPath: z.string().nullable(),
  /** Bytes of json-file logs on disk; only the host agent can measure it, null otherwise. */
  logBytes: bytes.nullable(),
});

export const volumeSchema = z.object({
  name: z.string(),
  driver: z.string(),
  /** No name given at creation: a 64-hex name, or the `com.docker.volume.anonymous` label. */
  anonymous: z.boolean(),
  mountpoint: z.string(),
  createdAt: isoTime.nullable(),
  labels,
  /** null where the driver cannot report usage (`UsageData.Size` = -1). */
  sizeBytes: bytes.nullable(),
  /** Containers (any state) referencing the volume. */
  refCount: z.number().int().nonnegative(),
});

export const buildCacheSchema = z.object({
  id: z.string(),
  type: z.string(),
  description: z.string(),
  inUse: z.boolean(),
  /** Shared records are also image layers: count them with images, not here. */
  shared: z.boolean(),
  sizeBytes: bytes,
  createdAt: isoTime.nullable(),
  lastUsedAt: isoTime.nullable(),
  usageCount: z.number().int().nonnegative(),
  parents: z.array(z.string()),
});

export const hostSnapshotSchema = z.object({
  takenAt: isoTime,
  durationMs: z.number().int().nonnegative(),
  engine: engineInfoSchema,
  /** `/system/df` LayersSize: bytes of every layer used by a tagged image or a dangling leaf. */
  layersSizeBytes: bytes,
  images: z.array(imageSchema),
  layers: z.array(layerSchema),
  containers: z.array(containerSchema),
  volumes: z.array(volumeSchema),
  buildCache: z.array(buildCacheSchema),
  /**
   * When each part was read from the engine (issue 14): a part not read again at this poll is carried
   * from an earlier one, with that poll's time. Absent: every part was read at `takenAt`.
   */
  asOf: z.object({ images: isoTime, containers: isoTime, volumes: isoTime, buildCache: isoTime }).optional(),
  /** Set when a Ballast host agent took the snapshot: logs and disk figures below came from it. */
  agent: z.object({ version: z.string(), protocol: z.number().int() }).nullable().optional(),
  /** The data root's filesystem (statfs on the host); only the agent can measure it. */
  disk: filesystemSchema.nullable().optional(),
  /** Every distinct filesystem Docker's bytes live on (data root, containerd's root when apart). */
  disks: z.array(filesystemSchema).optional(),
  /** On-disk bytes of stores the Engine API does not report (BuildKit's, containerd's), with their paths. */
  stores: z.array(storeUsageSchema).optional(),
});

export type EngineInfo = z.infer<typeof engineInfoSchema>;
export type Layer = z.infer<typeof layerSchema>;
export type Image = z.infer<typeof imageSchema>;
export type Container = z.infer<typeof containerSchema>;
export type Volume = z.infer<typeof volumeSchema>;
export type BuildCacheRecord = z.infer<typeof buildCacheSchema>;
export type HostSnapshot = z.infer<typeof hostSnapshotSchema>;
export type Filesystem = z.infer<typeof filesystemSchema>;
