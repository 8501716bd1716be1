import type { HostSnapshot, Image, Layer } from "@/lib/collect/schema";
import { countsContentBlobs, splitExactly } from "./engineAccounting";

// Per image: Docker's own size/shared/unique (what `docker system df -v` prints on that engine: they
// changed across versions and image stores, docs/engines.md) beside Ballast's figures from chain IDs —
// what removing the image really frees, and a fair share that adds up exactly to the image bytes.

export type ImageAccounting = {
  id: string;
  /** The engine's `/system/df` Size (our own chain sum where the engine did not list the image). */
  sizeBytes: number;
  /** The engine's SharedSize (ours where it did not say). */
  sharedBytes: number;
  /** sizeBytes − sharedBytes, as `docker system df -v` prints UNIQUE SIZE. */
  uniqueBytes: number;
  /** Ballast: bytes of the listed layers in the image's chain. */
  layerBytes: number;
  /** Ballast: what removing this image alone gives back (layers no other kept image needs). */
  freedIfRemovedBytes: number;
  /** Ballast: each shared layer split evenly among its images, plus a share of the engine-only part; sums to the image bytes. */
  fairShareBytes: number;
};

export type LayerUse = { layer: Layer; imageIds: string[] };

type AccountingInput = Pick<HostSnapshot, "images" | "layers"> & Partial<Pick<HostSnapshot, "layersSizeBytes" | "containers" | "engine">>;

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

/** Bytes of every layer used by at least one counted image: equals LayersSize on the graph driver store. */
export function imageLayerBytes(snapshot: Pick<HostSnapshot, "images" | "layers">): number {
  let total = 0;
  for (const use of layerUsage(snapshot).values()) if (use.imageIds.length > 0) total += use.layer.sizeBytes;
  return total;
}

/**
 * Image bytes the engine counts that no listed layer holds (content blobs and unlisted snapshots on the
 * containerd store; 0 on the graph driver): drawn, priced and shared out as their own part.
 */
export function engineOnlyBytes(snapshot: Pick<HostSnapshot, "images" | "layers" | "layersSizeBytes">): number {
  return Math.max(0, snapshot.layersSizeBytes - imageLayerBytes(snapshot));
}

/** Per image, what the engine counts for it beyond its listed layers (its content blobs on the containerd store). */
export function engineExtraBytes(snapshot: Pick<HostSnapshot, "layers">, images: Image[]): Map<string, number> {
  const sizes = new Map(snapshot.layers.map((layer) => [layer.chainId, layer.sizeBytes]));
  return new Map(
    images.map((image) => {
      const own = image.chain.reduce((sum, chainId) => sum + (sizes.get(chainId) ?? 0), 0);
      return [image.id, Math.max(0, (image.engineSizeBytes ?? image.sizeBytes) - own)];
    }),
  );
}

/** Images that keep their layers on disk: counted ones, and intermediates a container uses. */
function keeperIds(snapshot: AccountingInput): Set<string> {
  const used = new Set((snapshot.containers ?? []).map((container) => container.imageId));
  return new Set(snapshot.images.filter((image) => !image.intermediate || used.has(image.id) || image.containers > 0).map((image) => image.id));
}

/**
 * Per image: Docker's size/shared/unique, Ballast's layer bytes, freed-if-removed and fair share.
 * Fair shares are integers that add up exactly to the image bytes (LayersSize when given): a layer's
 * remainder bytes go one each to the first images by ID, and the engine-only part is split in
 * proportion to what the engine counts for each image beyond its layers.
 */
export function accountImages(snapshot: AccountingInput): Map<string, ImageAccounting> {
  const usage = layerUsage(snapshot);
  const keepers = keeperIds(snapshot);
  const keptBy = new Map<string, Set<string>>();
  for (const image of snapshot.images) {
    if (!keepers.has(image.id)) continue;
    for (const chainId of image.chain) keptBy.set(chainId, (keptBy.get(chainId) ?? new Set()).add(image.id));
  }
  const withContent = snapshot.engine !== undefined && countsContentBlobs(snapshot.engine);
  const result = new Map<string, ImageAccounting>();
  for (const image of snapshot.images) {
    let layerBytes = 0;
    let ownShared = 0;
    let freed = 0;
    for (const chainId of image.chain) {
      const use = usage.get(chainId);
      if (!use) continue;
      layerBytes += use.layer.sizeBytes;
      if (use.imageIds.length > 1) ownShared += use.layer.sizeBytes;
      const holders = keptBy.get(chainId);
      if (!holders || (holders.size === 1 && holders.has(image.id))) freed += use.layer.sizeBytes;
    }
    const sizeBytes = image.engineSizeBytes ?? layerBytes;
    const sharedBytes = image.engineSharedBytes ?? ownShared;
    result.set(image.id, {
      id: image.id,
      sizeBytes,
      sharedBytes,
      uniqueBytes: sizeBytes - sharedBytes,
      layerBytes,
      freedIfRemovedBytes: freed + (withContent ? (contentFreedBytes(snapshot, new Set([image.id])).get(image.id) ?? 0) : 0),
      fairShareBytes: 0,
    });
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
  if (snapshot.layersSizeBytes !== undefined) {
    const extra = engineExtraBytes(snapshot, countedImages(snapshot.images));
    const shares = splitExactly(engineOnlyBytes({ ...snapshot, layersSizeBytes: snapshot.layersSizeBytes }), extra);
    for (const [id, bytes] of shares) result.get(id)!.fairShareBytes += bytes;
  }
  return result;
}

/**
 * Per removed image, the content blob bytes that go with it on the containerd store (Docker 28.2+ counts
 * blobs in LayersSize). The API lists no blob, so this is estimated from Docker's per-image sizes: what
 * the engine counts for the image beyond its layers, minus the same for the kept image it was built on.
 * Manifests, configs and classic-builder leftover snapshots that go too are not counted (docs/engines.md).
 */
export function contentFreedBytes(snapshot: AccountingInput, removed: Set<string>): Map<string, number> {
  const keepers = keeperIds(snapshot);
  const extra = engineExtraBytes(snapshot, snapshot.images);
  // A chain ID names its whole prefix: images ending at the same chain ID hold the same layers.
  const byTop = new Map<string, Image[]>();
  for (const image of snapshot.images) {
    const top = image.chain.at(-1);
    if (top) byTop.set(top, [...(byTop.get(top) ?? []), image]);
  }
  // Layers that stay: held by an image that is kept and not removed.
  const kept = new Set(snapshot.images.filter((image) => keepers.has(image.id) && !removed.has(image.id)).flatMap((image) => image.chain));
  const done = new Set<string>();
  const result = new Map<string, number>();
  const order = snapshot.images.filter((image) => removed.has(image.id)).sort((a, b) => a.chain.length - b.chain.length || a.id.localeCompare(b.id));
  for (const image of order) {
    done.add(image.id);
    // Its top layer stays (images are built on it): its blobs stay too.
    if (image.chain.length === 0 || kept.has(image.chain.at(-1)!)) {
      result.set(image.id, 0);
      continue;
    }
    // The nearest image it was built on that stays (or was already counted as removed).
    const isReference = (other: Image) => other.id !== image.id && (done.has(other.id) || kept.has(other.chain.at(-1)!));
    let reference = 0;
    for (let k = image.chain.length - 1; k >= 0; k -= 1) {
      const candidates = (byTop.get(image.chain[k]) ?? []).filter(isReference);
      if (candidates.length === 0) continue;
      reference = Math.max(...candidates.map((other) => extra.get(other.id) ?? 0));
      break;
    }
    result.set(image.id, Math.max(0, (extra.get(image.id) ?? 0) - reference));
  }
  return result;
}
