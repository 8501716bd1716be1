import type { HostSnapshot } from "@/lib/collect/schema";
import { monthlyCost } from "@/lib/analysis/cost";
import { readableCreatedBy, type ImageRef } from "@/lib/analysis/imageDetail";
import { imageDisplayName } from "@/lib/analysis/sharingBars";
import { duplicateDiffs } from "@/lib/analysis/duplicateDiffs";
import { volumeLastUsers, type VolumeUser } from "@/lib/analysis/volumeHistory";
import { hasUnboundedLogs } from "@/lib/analysis/strategies/logRotation";

// Rows behind the host explorer's containers, volumes, build cache and duplicate-diff views. Ages are
// not computed here (no clock in lib/analysis): rows carry times, the browser shows "3 days ago".

export type ContainerRow = {
  id: string;
  name: string;
  imageId: string;
  /** The reference the container was created with (`Config.Image`). */
  image: string;
  /** The image's display name in this snapshot, null when the image is gone. */
  imageName: string | null;
  state: string;
  status: string;
  createdAt: string;
  writableBytes: number;
  rootFsBytes: number;
  /** Log files on disk (json-file with rotated/compressed files, local driver); null unless an agent measured them. */
  logBytes: number | null;
  logDriver: string | null;
  /** json-file without max-size: the log grows without limit. */
  unboundedLogs: boolean;
  monthlyCost: number;
};

export function containerRows(snapshot: Pick<HostSnapshot, "containers" | "images">, price: number): ContainerRow[] {
  const names = new Map(snapshot.images.map((image) => [image.id, imageDisplayName(image)]));
  return snapshot.containers
    .map((container) => ({
      id: container.id,
      name: container.name,
      imageId: container.imageId,
      image: container.image,
      imageName: names.get(container.imageId) ?? null,
      state: container.state,
      status: container.status,
      createdAt: container.createdAt,
      writableBytes: container.writableBytes,
      rootFsBytes: container.rootFsBytes,
      logBytes: container.logBytes,
      logDriver: container.logDriver,
      unboundedLogs: hasUnboundedLogs(container),
      monthlyCost: monthlyCost(container.writableBytes + (container.logBytes ?? 0), price),
    }))
    .sort((a, b) => b.writableBytes - a.writableBytes || a.name.localeCompare(b.name));
}

export type VolumeRow = {
  name: string;
  driver: string;
  anonymous: boolean;
  createdAt: string | null;
  labels: Record<string, string>;
  /** null where the driver reports no size. */
  sizeBytes: number | null;
  refCount: number;
  monthlyCost: number;
  inUseNow: boolean;
  /** The last container seen mounting it, from the host's snapshot history. */
  lastUsedBy: VolumeUser | null;
};

/** `history` is the host's snapshots oldest first, ending with `current`'s moment. */
export function volumeRows(
  current: Pick<HostSnapshot, "takenAt" | "containers" | "volumes">,
  history: Pick<HostSnapshot, "takenAt" | "containers" | "volumes">[],
  price: number,
): VolumeRow[] {
  const lastUse = new Map(volumeLastUsers([...history, current]).map((use) => [use.volumeName, use]));
  return current.volumes
    .map((volume) => ({
      name: volume.name,
      driver: volume.driver,
      anonymous: volume.anonymous,
      createdAt: volume.createdAt,
      labels: volume.labels,
      sizeBytes: volume.sizeBytes,
      refCount: volume.refCount,
      monthlyCost: monthlyCost(volume.sizeBytes ?? 0, price),
      inUseNow: lastUse.get(volume.name)?.inUseNow ?? false,
      lastUsedBy: lastUse.get(volume.name)?.lastUser ?? null,
    }))
    .sort((a, b) => (b.sizeBytes ?? 0) - (a.sizeBytes ?? 0) || a.name.localeCompare(b.name));
}

export type BuildCacheRow = HostSnapshot["buildCache"][number] & { monthlyCost: number };

export type BuildCacheView = {
  records: BuildCacheRow[];
  /** Private records only: `docker system df`'s build cache size (shared records are image layers). */
  privateBytes: number;
  /** Private records no build is using: what `docker builder prune` would free. */
  unusedPrivateBytes: number;
};

export function buildCacheView(snapshot: Pick<HostSnapshot, "buildCache">, price: number): BuildCacheView {
  const records = snapshot.buildCache
    .map((record) => ({ ...record, monthlyCost: monthlyCost(record.shared ? 0 : record.sizeBytes, price) }))
    .sort((a, b) => b.sizeBytes - a.sizeBytes || a.id.localeCompare(b.id));
  const privateRecords = records.filter((record) => !record.shared);
  return {
    records,
    privateBytes: privateRecords.reduce((sum, record) => sum + record.sizeBytes, 0),
    unusedPrivateBytes: privateRecords.filter((record) => !record.inUse).reduce((sum, record) => sum + record.sizeBytes, 0),
  };
}

export type DuplicateRow = {
  diffId: string;
  step: string | null;
  sizeBytes: number;
  copies: number;
  wastedBytes: number;
  monthlyCost: number;
  chains: { chainId: string; sizeBytes: number; images: ImageRef[] }[];
};

/** The same diff stored on several chains, with names for the images on each chain and the waste priced. */
export function duplicateRows(snapshot: Pick<HostSnapshot, "images" | "layers">, price: number): { diffs: DuplicateRow[]; totalWastedBytes: number } {
  const report = duplicateDiffs(snapshot);
  const names = new Map(snapshot.images.map((image) => [image.id, imageDisplayName(image)]));
  const createdBy = new Map(snapshot.layers.map((layer) => [layer.chainId, layer.createdBy]));
  const diffs = report.diffs.map((diff) => ({
    diffId: diff.diffId,
    step: readableCreatedBy(createdBy.get(diff.chains[0].chainId) ?? null),
    sizeBytes: diff.sizeBytes,
    copies: diff.copies,
    wastedBytes: diff.wastedBytes,
    monthlyCost: monthlyCost(diff.wastedBytes, price),
    chains: diff.chains.map((chain) => ({
      chainId: chain.chainId,
      sizeBytes: chain.sizeBytes,
      images: chain.imageIds.map((id) => ({ id, name: names.get(id) ?? id })),
    })),
  }));
  return { diffs, totalWastedBytes: report.totalWastedBytes };
}
