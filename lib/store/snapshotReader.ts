import "server-only";
import type { ImageStore } from "@/lib/collect/imageStore";
import type { HostSnapshot } from "@/lib/collect/schema";
import type { PartTimes } from "@/lib/collect/readPlan";
import { db } from "./db";
import { loadSnapshotParts } from "./snapshotPartReader";
import { toNumber } from "./snapshotMapper";
import { diskReadings, type DiskReadings } from "./snapshotDisk";
import { AGENT_PROTOCOL } from "@/lib/agent/protocol";

export type SnapshotRef = { id: string; takenAt: string; status: "ok" | "failed" };

export type SnapshotDto = SnapshotRef & {
  hostId: string;
  durationMs: number;
  error: { code: string; message: string } | null;
  engine: { version: string; apiVersion: string; maxApiVersion: string; imageStore: ImageStore; storageDriver: string; dataRoot: string } | null;
  totals: {
    imagesBytes: number;
    containersWritableBytes: number;
    volumesBytes: number;
    buildCacheBytes: number;
    logsBytes: number | null;
  } | null;
  /** When each part's figures were read from the engine (a part not read again is carried with its time). */
  asOf: PartTimes | null;
} & DiskReadings;

type SnapshotRow = Awaited<ReturnType<ReturnType<typeof db>["snapshot"]["findFirstOrThrow"]>>;

const ref = (row: Pick<SnapshotRow, "id" | "takenAt" | "status">): SnapshotRef => ({
  id: row.id,
  takenAt: row.takenAt.toISOString(),
  status: row.status === "ok" ? "ok" : "failed",
});

// Snapshots from before these were recorded came from API 1.41 engines (unversioned requests got the
// engine's newest version) with the graph driver store: the only engines Ballast was tested on then.
const maxApiVersionOf = (row: SnapshotRow) => row.maxApiVersion ?? row.apiVersion ?? "";
const imageStoreOfRow = (row: SnapshotRow): ImageStore => (row.imageStore === "containerd" ? "containerd" : "graphdriver");

function asOfOf(row: SnapshotRow): PartTimes {
  const at = (time: Date | null) => (time ?? row.takenAt).toISOString();
  return { images: at(row.imagesAsOf), containers: at(row.containersAsOf), volumes: at(row.volumesAsOf), buildCache: at(row.buildCacheAsOf) };
}

function toDto(row: SnapshotRow): SnapshotDto {
  const ok = row.status === "ok";
  return {
    ...ref(row),
    hostId: row.hostId,
    durationMs: row.durationMs,
    error: ok ? null : { code: row.errorCode ?? "unknown", message: row.errorMessage ?? "" },
    engine: ok
      ? {
          version: row.engineVersion ?? "",
          apiVersion: row.apiVersion ?? "",
          maxApiVersion: maxApiVersionOf(row),
          imageStore: imageStoreOfRow(row),
          storageDriver: row.storageDriver ?? "",
          dataRoot: row.dataRoot ?? "",
        }
      : null,
    totals: ok
      ? {
          imagesBytes: toNumber(row.layersSizeBytes) ?? 0,
          containersWritableBytes: toNumber(row.containersWritableBytes) ?? 0,
          volumesBytes: toNumber(row.volumesBytes) ?? 0,
          buildCacheBytes: toNumber(row.buildCacheBytes) ?? 0,
          logsBytes: toNumber(row.logsBytes),
        }
      : null,
    asOf: ok ? asOfOf(row) : null,
    ...diskReadings(row),
  };
}

export async function getSnapshot(id: string): Promise<SnapshotDto | null> {
  const row = await db().snapshot.findUnique({ where: { id } });
  return row ? toDto(row) : null;
}

/** The newest poll of a host, good or failed. */
export async function getLatestPoll(hostId: string): Promise<SnapshotDto | null> {
  const row = await db().snapshot.findFirst({ where: { hostId }, orderBy: { takenAt: "desc" } });
  return row ? toDto(row) : null;
}

/** The newest good snapshot of a host: a failed poll never hides it. */
export async function getLatestGoodSnapshot(hostId: string): Promise<SnapshotDto | null> {
  const row = await db().snapshot.findFirst({ where: { hostId, status: "ok" }, orderBy: { takenAt: "desc" } });
  return row ? toDto(row) : null;
}

/** Rebuilds the full HostSnapshot of a good snapshot, for analysis. */
export async function loadHostSnapshot(id: string): Promise<HostSnapshot | null> {
  const row = await db().snapshot.findUnique({ where: { id } });
  if (!row || row.status !== "ok") return null;
  const { images, containers, volumes, buildCache } = await loadSnapshotParts(row);
  const chainIds = [...new Set(images.flatMap((image) => image.chain))];
  const layers = await db().layer.findMany({ where: { hostId: row.hostId, chainId: { in: chainIds } } });
  return {
    takenAt: row.takenAt.toISOString(),
    durationMs: row.durationMs,
    engine: {
      id: row.engineId ?? "",
      name: row.engineName ?? "",
      version: row.engineVersion ?? "",
      apiVersion: row.apiVersion ?? "",
      maxApiVersion: maxApiVersionOf(row),
      imageStore: imageStoreOfRow(row),
      storageDriver: row.storageDriver ?? "",
      dataRoot: row.dataRoot ?? "",
      os: row.os ?? "",
      arch: row.arch ?? "",
      kernelVersion: row.kernelVersion ?? "",
      cpus: 0,
      memoryBytes: 0,
    },
    layersSizeBytes: toNumber(row.layersSizeBytes) ?? 0,
    images,
    layers: layers.map((layer) => ({
      chainId: layer.chainId,
      diffId: layer.diffId,
      parentChainId: layer.parentChainId,
      sizeBytes: toNumber(layer.sizeBytes) ?? 0,
      createdBy: layer.createdBy,
      createdAt: layer.createdAt?.toISOString() ?? null,
    })),
    containers,
    volumes,
    buildCache,
    // Absent when every part was read at takenAt, as on a fresh poll (schema.ts).
    ...([row.imagesAsOf, row.containersAsOf, row.volumesAsOf, row.buildCacheAsOf].some(Boolean) ? { asOf: asOfOf(row) } : {}),
    ...agentParts(diskReadings(row)),
  };
}

function agentParts(readings: DiskReadings): Pick<HostSnapshot, "agent" | "disk" | "disks" | "stores"> {
  if (!readings.agent) return {};
  return {
    agent: { version: readings.agent.version, protocol: AGENT_PROTOCOL },
    disk: readings.disk,
    disks: readings.disks ?? [],
    stores: readings.stores ?? [],
  };
}
