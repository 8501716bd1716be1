import type { HostSnapshot } from "@/lib/collect/schema";
import { countsContentBlobs } from "@/lib/analysis/engineAccounting";
import { contentFreedBytes } from "@/lib/analysis/imageAccounting";

// What removing a set of images really frees. Docker's own "reclaimable" overstates (docker/cli#5012):
// a layer goes only when no remaining image needs it. Remaining = every image not removed that
// /system/df counts (non-intermediate), plus any image a container uses, even an intermediate one
// (Docker keeps an image with containers, and we never force).

// On the containerd store (Docker 28.2+) removing an image also frees content blobs: see contentFreedBytes.

type ImageGraph = Pick<HostSnapshot, "images" | "layers" | "containers"> & Partial<Pick<HostSnapshot, "engine">>;

export type FreedBytes = {
  /** Bytes of distinct layers used by the removed images and by no remaining image. The truth. */
  totalBytes: number;
  /**
   * Per removed image: bytes of freed layers that only this image uses among the removed ones,
   * i.e. what removing it alone would free. Σ perImageBytes ≤ totalBytes; the difference is layers
   * shared only among removed images, freed only when all of them go, and counted once in the total.
   */
  perImageBytes: Map<string, number>;
  /** Chain IDs of the layers that go. */
  freedChainIds: Set<string>;
};

/** Images at least one container (any state) was created from. */
export function imageIdsInUse(snapshot: Pick<HostSnapshot, "images" | "containers">): Set<string> {
  const ids = new Set(snapshot.containers.map((container) => container.imageId));
  for (const image of snapshot.images) if (image.containers > 0) ids.add(image.id);
  return ids;
}

export function layerSizes(snapshot: Pick<HostSnapshot, "layers">): Map<string, number> {
  return new Map(snapshot.layers.map((layer) => [layer.chainId, layer.sizeBytes]));
}

/** Chain IDs still needed after removing `removed`. */
function keptChainIds(snapshot: ImageGraph, removed: Set<string>): Set<string> {
  const inUse = imageIdsInUse(snapshot);
  const kept = new Set<string>();
  for (const image of snapshot.images) {
    if (removed.has(image.id)) continue;
    if (image.intermediate && !inUse.has(image.id)) continue;
    for (const chainId of image.chain) kept.add(chainId);
  }
  return kept;
}

export function freedBytesForImages(snapshot: ImageGraph, imageIds: Iterable<string>): FreedBytes {
  const removed = new Set(imageIds);
  const kept = keptChainIds(snapshot, removed);
  const sizes = layerSizes(snapshot);
  const removedImages = snapshot.images.filter((image) => removed.has(image.id));
  const users = new Map<string, number>();
  for (const image of removedImages) {
    for (const chainId of new Set(image.chain)) users.set(chainId, (users.get(chainId) ?? 0) + 1);
  }
  const freedChainIds = new Set([...users.keys()].filter((chainId) => !kept.has(chainId)));
  let totalBytes = 0;
  for (const chainId of freedChainIds) totalBytes += sizes.get(chainId) ?? 0;
  const content = snapshot.engine && countsContentBlobs(snapshot.engine) ? contentFreedBytes(snapshot, removed) : new Map<string, number>();
  for (const bytes of content.values()) totalBytes += bytes;
  const perImageBytes = new Map<string, number>();
  for (const image of removedImages) {
    let own = 0;
    for (const chainId of new Set(image.chain)) {
      if (freedChainIds.has(chainId) && users.get(chainId) === 1) own += sizes.get(chainId) ?? 0;
    }
    perImageBytes.set(image.id, own + (content.get(image.id) ?? 0));
  }
  return { totalBytes, perImageBytes, freedChainIds };
}
