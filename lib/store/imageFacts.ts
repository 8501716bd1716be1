import "server-only";
import type { ImageFacts, ImageFactsCache } from "@/lib/collect/collectSnapshot";
import { db } from "./db";
import { parseJson } from "./snapshotMapper";

/**
 * Image facts cache backed by one host's rows of the Image table: an image's diff IDs and history never
 * change, so they are fetched from that host once per image ID. Keyed by (host, image ID): another host
 * reporting the same ID (a lying engine, or a rebuilt one) never supplies this host's facts (issue 8).
 * New facts wait in `pending` until saveSnapshot stores them with the image.
 */
export function databaseImageFactsCache(hostId: string): ImageFactsCache & { pending: Map<string, ImageFacts> } {
  const pending = new Map<string, ImageFacts>();
  return {
    pending,
    async getMany(imageIds) {
      const found = new Map<string, ImageFacts>();
      const unknown = imageIds.filter((id) => !pending.has(id));
      for (const id of imageIds) if (pending.has(id)) found.set(id, pending.get(id)!);
      // One query per poll. A plain `in` on one column Prisma splits itself past the database's
      // bound-value limit (QUERY_BATCH_SIZE); only composite-key relation reads need lib/store/batches.ts.
      const rows = await db().image.findMany({ where: { hostId, id: { in: unknown } }, select: { id: true, diffIdsJson: true, historyJson: true } });
      for (const row of rows) found.set(row.id, { diffIds: parseJson(row.diffIdsJson, []), history: parseJson(row.historyJson, []) });
      return found;
    },
    set(imageId, facts) {
      pending.set(imageId, facts);
    },
  };
}

export type ImageSighting = { createdAt: string; firstSeenAt: string; lastUsedAt: string | null };

/** When this host's images were first seen and last seen used, for the re-check of "unused for N days". */
export async function getImageSightings(hostId: string, imageIds: string[]): Promise<Map<string, ImageSighting>> {
  const rows = await db().image.findMany({
    where: { hostId, id: { in: imageIds } },
    select: { id: true, createdAt: true, firstSeenAt: true, lastUsedAt: true },
  });
  return new Map(
    rows.map((r) => [
      r.id,
      { createdAt: r.createdAt.toISOString(), firstSeenAt: r.firstSeenAt.toISOString(), lastUsedAt: r.lastUsedAt?.toISOString() ?? null },
    ]),
  );
}
