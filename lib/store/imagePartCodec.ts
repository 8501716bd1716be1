// The compact form of a snapshot's image part (SnapshotImagePart, issue 14), pure. One entry per image
// ID holds what can change between polls; the image's immutable facts stay in its Image row. An entry is
// a JSON array, not an object, so a 1,250-image keyframe is ~143 kB instead of ~0.9 MB of rows (and
// ~54 kB as stored, deflated by snapshotImagePart.ts):
//   [imageId, tags, digests, dangling 0|1, intermediate 0|1, containers, engineSizeBytes, engineSharedBytes]
// The migration `image_parts` writes the same arrays from the old SnapshotImage rows.
import type { Image } from "@/lib/collect/schema";

export type ImageEntry = {
  imageId: string;
  tags: string[];
  digests: string[];
  dangling: boolean;
  intermediate: boolean;
  containers: number;
  engineSizeBytes: number | null;
  engineSharedBytes: number | null;
};

type EntryTuple = [string, string[], string[], 0 | 1, 0 | 1, number, number | null, number | null];

/** One entry as its stored JSON text (equal entries give equal text: that is how changes are found). */
export function encodeEntry(entry: ImageEntry): string {
  const tuple: EntryTuple = [
    entry.imageId,
    entry.tags,
    entry.digests,
    entry.dangling ? 1 : 0,
    entry.intermediate ? 1 : 0,
    entry.containers,
    entry.engineSizeBytes,
    entry.engineSharedBytes,
  ];
  return JSON.stringify(tuple);
}

function decodeTuple([imageId, tags, digests, dangling, intermediate, containers, engineSizeBytes, engineSharedBytes]: EntryTuple): ImageEntry {
  return { imageId, tags, digests, dangling: dangling === 1, intermediate: intermediate === 1, containers, engineSizeBytes, engineSharedBytes };
}

/** Entries (already encoded) → one column's text. */
export const joinEntries = (encoded: string[]) => `[${encoded.join(",")}]`;

/** A stored column → entries by image ID. */
export function decodeEntries(json: string): Map<string, ImageEntry> {
  return new Map((JSON.parse(json) as EntryTuple[]).map((tuple) => [tuple[0], decodeTuple(tuple)]));
}

export type StoredPart = { entriesJson: string; removedJson: string };

/** A keyframe's entries with each later delta applied in order (oldest first). */
export function applyDeltas(keyframe: StoredPart, deltas: StoredPart[]): Map<string, ImageEntry> {
  const entries = decodeEntries(keyframe.entriesJson);
  for (const delta of deltas) {
    for (const removed of JSON.parse(delta.removedJson) as string[]) entries.delete(removed);
    for (const [id, entry] of decodeEntries(delta.entriesJson)) entries.set(id, entry);
  }
  return entries;
}

/** What to store for `next` against the entries `previous` holds: the entries added or changed, and the IDs gone. */
export function entryDelta(previous: Map<string, ImageEntry>, next: ImageEntry[]): { changed: string[]; removed: string[] } {
  const nextIds = new Set(next.map((entry) => entry.imageId));
  const changed: string[] = [];
  for (const entry of next) {
    const encoded = encodeEntry(entry);
    const before = previous.get(entry.imageId);
    if (!before || encodeEntry(before) !== encoded) changed.push(encoded);
  }
  return { changed, removed: [...previous.keys()].filter((id) => !nextIds.has(id)) };
}

/** Entries in image ID order (the order the old rows were read in: their primary key). */
export const byImageId = (entries: Iterable<ImageEntry>) => [...entries].sort((a, b) => (a.imageId < b.imageId ? -1 : a.imageId > b.imageId ? 1 : 0));

/** A snapshot's images as entries of its image part. */
export const imageEntries = (images: Image[]): ImageEntry[] =>
  images.map((image) => ({
    imageId: image.id,
    tags: image.tags,
    digests: image.digests,
    dangling: image.dangling,
    intermediate: image.intermediate,
    containers: image.containers,
    engineSizeBytes: image.engineSizeBytes,
    engineSharedBytes: image.engineSharedBytes,
  }));
