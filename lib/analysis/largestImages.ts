import type { ImageRow } from "./snapshotRows";

export type SharedUniquePoint = { id: string; name: string; sharedBytes: number; uniqueBytes: number; sizeBytes: number };

/** The `limit` largest images as shared/unique bars, named by first tag (or short ID when dangling). */
export function largestImagesSeries(images: ImageRow[], limit = 10): SharedUniquePoint[] {
  return [...images]
    .sort((a, b) => b.sizeBytes - a.sizeBytes || a.id.localeCompare(b.id))
    .slice(0, limit)
    .map((image) => ({
      id: image.id,
      name: image.tags[0] ?? `<none> ${image.id.replace("sha256:", "").slice(0, 12)}`,
      sharedBytes: image.sharedBytes,
      uniqueBytes: image.uniqueBytes,
      sizeBytes: image.sizeBytes,
    }));
}
