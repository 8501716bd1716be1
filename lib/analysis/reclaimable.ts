import type { HostSnapshot, Image } from "@/lib/collect/schema";
import { accountImages, countedImages, layerUsage } from "@/lib/analysis/imageAccounting";
import { isProtected } from "./strategies/types";

// "True reclaimable": what removing every unused image frees. A layer goes only when no kept image
// (one a container uses, one protected by label, one on an extra keep list) has it in its chain.
// Docker's CLI instead subtracts only the *unique* bytes of in-use images from LayersSize, so the
// shared layers of in-use images look reclaimable though they cannot go (docker/cli#5012, moby#48523).

export const DEFAULT_PROTECT_LABEL = "ballast.protect";

type ReclaimSnapshot = Pick<HostSnapshot, "images" | "layers" | "containers" | "layersSizeBytes">;

export type ReclaimableOptions = {
  /** Images to keep in addition to those in use and those protected by label. */
  keepImageIds?: Iterable<string>;
  /** Label key that protects an image; default `ballast.protect`. */
  protectLabel?: string;
};

export type ReclaimableReport = {
  /** Bytes of layers used by counted images and by no kept image. */
  trueReclaimableBytes: number;
  /** `docker system df`'s image RECLAIMABLE, computed as docker/cli does. */
  dockerReclaimableBytes: number;
  /** Why Docker's (unclamped) figure minus ours: these three add up to it exactly. */
  difference: {
    /** Shared layers of images with containers: Docker counts them reclaimable; they are not. */
    sharedInUseBytes: number;
    /** Layers kept only by protected, kept-listed images or images used by containers Docker did not count. */
    otherKeptBytes: number;
    /** The engine's LayersSize minus the bytes Ballast finds in image chains (normally 0). */
    engineMismatchBytes: number;
  };
  /** Images kept (in use, protected or on the keep list), sorted. */
  keptImageIds: string[];
  /** Counted images that would go, sorted. */
  unusedImageIds: string[];
  /** One line of plain words on why the two figures differ. */
  explanation: string;
};

/** Images a container uses (by the snapshot's containers or the engine's count), protected or kept-listed. */
export function keptImageIds(snapshot: Pick<HostSnapshot, "images" | "containers">, options: ReclaimableOptions = {}): Set<string> {
  const protectLabel = options.protectLabel ?? DEFAULT_PROTECT_LABEL;
  const kept = new Set(options.keepImageIds ?? []);
  for (const container of snapshot.containers) kept.add(container.imageId);
  for (const image of snapshot.images) {
    if (image.containers > 0 || isProtected(image.labels, protectLabel)) kept.add(image.id);
  }
  return new Set(snapshot.images.filter((image) => kept.has(image.id)).map((image) => image.id));
}

/**
 * docker/cli `system df`: LayersSize − Σ over images with Containers > 0 of (Size − SharedSize),
 * floored at 0 as current docker/cli does; Size and SharedSize come from our own accounting.
 */
export function dockerReclaimableBytes(snapshot: Pick<HostSnapshot, "images" | "layers" | "layersSizeBytes">): number {
  return Math.max(0, unclampedDockerReclaimable(snapshot));
}

function unclampedDockerReclaimable(snapshot: Pick<HostSnapshot, "images" | "layers" | "layersSizeBytes">): number {
  const accounting = accountImages(snapshot);
  let used = 0;
  for (const image of countedImages(snapshot.images)) {
    if (image.containers === 0) continue;
    const row = accounting.get(image.id)!;
    used += row.sizeBytes - row.sharedBytes;
  }
  return snapshot.layersSizeBytes - used;
}

function explain(difference: ReclaimableReport["difference"], total: number): string {
  const reasons: string[] = [];
  if (difference.sharedInUseBytes > 0) {
    reasons.push("it counts layers that in-use images share with other images as reclaimable, though they stay while those containers exist");
  }
  if (difference.otherKeptBytes > 0) {
    reasons.push("Ballast keeps protected or kept-listed images that Docker counts as reclaimable");
  }
  if (difference.engineMismatchBytes !== 0) {
    const more = difference.engineMismatchBytes > 0 ? "larger" : "smaller";
    reasons.push(`the engine's LayersSize is ${more} than the layers Ballast finds in image chains`);
  }
  if (reasons.length === 0) return "Both figures agree: no in-use image shares layers and nothing else is kept.";
  const lead = total > 0 ? "Docker's figure is higher" : total < 0 ? "Docker's figure is lower" : "The figures match only by chance";
  return `${lead}: ${reasons.join("; ")}.`;
}

/** True reclaimable beside Docker's own figure, with the difference broken down and explained. */
export function reclaimableImages(snapshot: ReclaimSnapshot, options: ReclaimableOptions = {}): ReclaimableReport {
  const kept = keptImageIds(snapshot, options);
  const keptChains = new Set(snapshot.images.filter((image) => kept.has(image.id)).flatMap((image) => image.chain));
  const dockerInUse = new Set(
    countedImages(snapshot.images)
      .filter((image) => image.containers > 0)
      .map((image) => image.id),
  );
  let imageBytes = 0;
  let keptBytes = 0;
  let sharedInUseBytes = 0;
  let dockerInUseLayerBytes = 0;
  for (const { layer, imageIds } of layerUsage(snapshot).values()) {
    if (imageIds.length === 0) continue;
    imageBytes += layer.sizeBytes;
    if (keptChains.has(layer.chainId)) keptBytes += layer.sizeBytes;
    if (!imageIds.some((id) => dockerInUse.has(id))) continue;
    dockerInUseLayerBytes += layer.sizeBytes;
    if (imageIds.length > 1) sharedInUseBytes += layer.sizeBytes;
  }
  const difference = {
    sharedInUseBytes,
    otherKeptBytes: keptBytes - dockerInUseLayerBytes,
    engineMismatchBytes: snapshot.layersSizeBytes - imageBytes,
  };
  const trueReclaimableBytes = imageBytes - keptBytes;
  const docker = unclampedDockerReclaimable(snapshot);
  return {
    trueReclaimableBytes,
    dockerReclaimableBytes: Math.max(0, docker),
    difference,
    keptImageIds: [...kept].sort(),
    unusedImageIds: countedImages(snapshot.images)
      .filter((image) => !kept.has(image.id))
      .map((image) => image.id)
      .sort(),
    explanation: explain(difference, docker - trueReclaimableBytes),
  };
}
