import type { HostSnapshot, Image, Layer } from "@/lib/collect/schema";

// Shared vs unique bytes per image, computed from chain IDs rather than trusted from the engine
// (Docker's own figures changed across versions and image stores; we check ours against /system/df).

export type ImageAccounting = {
  id: string;
  sizeBytes: number;
  sharedBytes: number;
  uniqueBytes: number;
  /** Each shared layer's bytes split evenly among the images using it; sums to the host's image bytes. */
  fairShareBytes: number;
};

export type LayerUse = { layer: Layer; imageIds: string[] };

/**
 * Images `/system/df` counts: tagged images and dangling leaves. Untagged classic-builder
 * intermediates are left out; their layers are a prefix of a child's chain, so no bytes are lost.
 */
export function countedImages(images: Image[]): Image[] {
  return images.filter((image) => !image.intermediate);
}

/** For every chain layer, the counted images that use it. */
export function layerUsage(snapshot: Pick<HostSnapshot, "images" | "layers">): Map<string, LayerUse> {
  const byChain = new Map<string, LayerUse>();
  for (const layer of snapshot.layers) byChain.set(layer.chainId, { layer, imageIds: [] });
  for (const image of countedImages(snapshot.images)) {
    for (const chainId of image.chain) byChain.get(chainId)?.imageIds.push(image.id);
  }
  return byChain;
}

/** Bytes of every layer used by at least one counted image: equals the engine's LayersSize. */
export function imageLayerBytes(snapshot: Pick<HostSnapshot, "images" | "layers">): number {
  let total = 0;
  for (const use of layerUsage(snapshot).values()) if (use.imageIds.length > 0) total += use.layer.sizeBytes;
  return total;
}

/**
 * Per image: size, shared (layers used by more than one counted image), unique, fair share.
 * Fair shares are integers that add up exactly to `imageLayerBytes`: a layer's remainder bytes
 * go one each to the first images by ID, so rounding never loses or invents a byte.
 */
export function accountImages(snapshot: Pick<HostSnapshot, "images" | "layers">): Map<string, ImageAccounting> {
  const usage = layerUsage(snapshot);
  const result = new Map<string, ImageAccounting>();
  for (const image of snapshot.images) {
    result.set(image.id, { id: image.id, sizeBytes: 0, sharedBytes: 0, uniqueBytes: 0, fairShareBytes: 0 });
  }
  for (const image of snapshot.images) {
    const row = result.get(image.id)!;
    for (const chainId of image.chain) {
      const use = usage.get(chainId);
      if (!use) continue;
      row.sizeBytes += use.layer.sizeBytes;
      if (use.imageIds.length > 1) row.sharedBytes += use.layer.sizeBytes;
      else row.uniqueBytes += use.layer.sizeBytes;
    }
  }
  for (const use of usage.values()) {
    const users = [...use.imageIds].sort();
    if (users.length === 0) continue;
    const base = Math.floor(use.layer.sizeBytes / users.length);
    const remainder = use.layer.sizeBytes - base * users.length;
    users.forEach((id, index) => {
      result.get(id)!.fairShareBytes += base + (index < remainder ? 1 : 0);
    });
  }
  return result;
}
