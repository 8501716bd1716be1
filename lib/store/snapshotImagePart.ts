import "server-only";
import zlib from "node:zlib";
import { db } from "./db";
import { applyDeltas, byImageId, decodeEntries, encodeEntry, entryDelta, joinEntries, type ImageEntry, type StoredPart } from "./imagePartCodec";

// A snapshot's image part as keyframes and deltas (schema.prisma SnapshotImagePart, issue 14). A busy CI
// host whose tags and container counts change at every poll writes only the entries that changed
// (a few hundred bytes each) instead of every image's row again (0.88 MB a poll at 1,249 images),
// deflated (SnapshotImagePart.entries): a 1,250-image keyframe is ~54 kB, a busy poll's delta ~1.2 kB.

type Client = Pick<ReturnType<typeof db>, "snapshotImagePart">;

type PartRow = { entriesJson: string; entries: Uint8Array | null; removedJson: string };

/** A row's entries as JSON text: deflated in `entries` (rows written since), or the text itself (older rows). */
const stored = (row: PartRow): StoredPart => ({
  entriesJson: row.entries ? zlib.inflateRawSync(row.entries).toString("utf8") : row.entriesJson,
  removedJson: row.removedJson,
});

/** Entries text as stored: deflated, `entriesJson` left empty. */
const deflated = (json: string) => ({ entriesJson: "", entries: new Uint8Array(zlib.deflateRawSync(json)) });

/** A new keyframe after this many deltas in a row: reading a part walks at most this many rows. */
export const MAX_DELTAS = 64;

/** ...or once the chain stores more entries than this many keyframes of the part: reading stays cheap. */
const MAX_CHAIN_KEYFRAMES = 2;

export class BrokenImagePartError extends Error {
  constructor(holderId: string) {
    super(`the image part of snapshot ${holderId} lost a snapshot it depends on`);
    this.name = "BrokenImagePartError";
  }
}

/** The image entries held by snapshot `holderId` (its keyframe with its deltas applied); empty when it holds none. */
export async function readImageEntries(holderId: string, client: Client = db()): Promise<Map<string, ImageEntry>> {
  const row = await client.snapshotImagePart.findUnique({ where: { snapshotId: holderId } });
  if (!row) return new Map();
  if (!row.baseId) return decodeEntries(stored(row).entriesJson);
  // One query for the whole chain (at most MAX_DELTAS rows), then the prevId path walked in memory.
  const chain = await client.snapshotImagePart.findMany({ where: { OR: [{ snapshotId: row.baseId }, { baseId: row.baseId }] } });
  const byId = new Map(chain.map((part) => [part.snapshotId, part]));
  const deltas = [row];
  while (deltas.at(-1)!.prevId !== row.baseId) {
    const prevId = deltas.at(-1)!.prevId;
    const next = prevId ? byId.get(prevId) : undefined;
    if (!next || next.baseId !== row.baseId || deltas.length > MAX_DELTAS) throw new BrokenImagePartError(holderId);
    deltas.push(next);
  }
  const keyframe = byId.get(row.baseId);
  if (!keyframe) throw new BrokenImagePartError(holderId);
  return applyDeltas(stored(keyframe), deltas.reverse().map(stored));
}

/**
 * Stores the image part of new snapshot `snapshotId`: a delta against the previous holder's part when
 * that chain is short enough, else a keyframe. `previousHolderId` is the host's previous good snapshot's
 * holder (null for a host's first snapshot). Runs inside the snapshot's transaction.
 */
export async function writeImagePart(client: Client, snapshotId: string, previousHolderId: string | null, entries: ImageEntry[]): Promise<void> {
  const sorted = byImageId(entries);
  const previous = previousHolderId ? await client.snapshotImagePart.findUnique({ where: { snapshotId: previousHolderId } }) : null;
  if (previous && previous.depth < MAX_DELTAS) {
    const { changed, removed } = entryDelta(await readImageEntries(previous.snapshotId, client), sorted);
    const chainEntries = previous.chainEntries + changed.length + removed.length;
    if (chainEntries <= MAX_CHAIN_KEYFRAMES * Math.max(sorted.length, 32)) {
      await client.snapshotImagePart.create({
        data: {
          snapshotId,
          baseId: previous.baseId ?? previous.snapshotId,
          prevId: previous.snapshotId,
          depth: previous.depth + 1,
          chainEntries,
          ...deflated(joinEntries(changed)),
          removedJson: JSON.stringify(removed),
        },
      });
      return;
    }
  }
  await client.snapshotImagePart.create({
    data: { snapshotId, depth: 0, chainEntries: sorted.length, ...deflated(joinEntries(sorted.map(encodeEntry))) },
  });
}
