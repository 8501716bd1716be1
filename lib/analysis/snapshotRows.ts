import type { HostSnapshot } from "@/lib/collect/schema";
import { engineDifferenceNote, engineOnlyLabel } from "./engineAccounting";
import { accountImages, countedImages, engineOnlyBytes, layerUsage } from "./imageAccounting";

// The rows behind GET /api/snapshots/{id}/images and /layers.

export type ImageRow = {
  id: string;
  tags: string[];
  digests: string[];
  createdAt: string;
  dangling: boolean;
  /** Docker's figures: what `docker system df -v` prints on this engine. */
  sizeBytes: number;
  sharedBytes: number;
  uniqueBytes: number;
  /** Ballast's figures, from chain IDs. */
  layerBytes: number;
  freedIfRemovedBytes: number;
  fairShareBytes: number;
  containers: number;
  labels: Record<string, string>;
};

export type LayerRow = {
  chainId: string;
  diffId: string;
  parentChainId: string | null;
  sizeBytes: number;
  createdBy: string | null;
  imageIds: string[];
};

/** Images `docker images` shows (tagged and dangling leaves, no intermediates), largest first. */
export function imageRows(snapshot: HostSnapshot): ImageRow[] {
  const accounting = accountImages(snapshot);
  return countedImages(snapshot.images)
    .map((image) => {
      const row = accounting.get(image.id)!;
      return {
        id: image.id,
        tags: image.tags,
        digests: image.digests,
        createdAt: image.createdAt,
        dangling: image.dangling,
        sizeBytes: row.sizeBytes,
        sharedBytes: row.sharedBytes,
        uniqueBytes: row.uniqueBytes,
        layerBytes: row.layerBytes,
        freedIfRemovedBytes: row.freedIfRemovedBytes,
        fairShareBytes: row.fairShareBytes,
        containers: image.containers,
        labels: image.labels,
      };
    })
    .sort((a, b) => b.sizeBytes - a.sizeBytes || a.id.localeCompare(b.id));
}

/** How this engine's image figures relate to Ballast's: the one-line why, and the part no listed layer holds. */
export type ImageAccountingNote = { imageStore: string; note: string | null; engineOnlyBytes: number; engineOnlyLabel: string };

export function imageAccountingNote(snapshot: HostSnapshot): ImageAccountingNote {
  return {
    imageStore: snapshot.engine.imageStore,
    note: engineDifferenceNote(snapshot.engine),
    engineOnlyBytes: engineOnlyBytes(snapshot),
    engineOnlyLabel: engineOnlyLabel(snapshot.engine),
  };
}

/** Every layer used by a counted image, with the images using it; largest first. */
export function layerRows(snapshot: HostSnapshot): LayerRow[] {
  return [...layerUsage(snapshot).values()]
    .filter((use) => use.imageIds.length > 0)
    .map(({ layer, imageIds }) => ({
      chainId: layer.chainId,
      diffId: layer.diffId,
      parentChainId: layer.parentChainId,
      sizeBytes: layer.sizeBytes,
      createdBy: layer.createdBy,
      imageIds,
    }))
    .sort((a, b) => b.sizeBytes - a.sizeBytes || a.chainId.localeCompare(b.chainId));
}
