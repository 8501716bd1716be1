import "server-only";
import { db } from "./db";

// What a cached snapshot view's request reads before its answer is known (lib/api/explorerRoute.ts,
// cachedSnapshotView): whether the snapshot exists and is a good poll, and its host's name and price,
// which the answer's key holds. One indexed row and its host's, read on every request (a cached answer
// costs little more): retention's removal is a 404 at once, a renamed or repriced host a new answer.

export type SnapshotViewKey = {
  id: string;
  hostId: string;
  status: "ok" | "failed";
  /** A failed poll's own stored message (Ballast's plain words, never a remote body). */
  errorMessage: string | null;
  hostName: string;
  pricePerGbMonth: number | null;
};

export async function getSnapshotViewKey(id: string): Promise<SnapshotViewKey | null> {
  const row = await db().snapshot.findUnique({
    where: { id },
    select: { id: true, hostId: true, status: true, errorMessage: true, host: { select: { name: true, pricePerGbMonth: true } } },
  });
  if (!row) return null;
  const { host, status, ...rest } = row;
  return { ...rest, status: status === "ok" ? "ok" : "failed", hostName: host.name, pricePerGbMonth: host.pricePerGbMonth };
}
