import "server-only";
import { loadHostSnapshot } from "@/lib/store/snapshotReader";
import { snapshotViews } from "@/lib/store/snapshotViewCache";
import { runCacheableView, ViewNotFound, type CacheableViewName } from "./cacheableViews";
import { serialisedBody } from "./viewResponseCache";

// A cacheable view's finished answer (lib/api/cacheableViews.ts): the snapshot loaded, the view run, its
// JSON gzipped with its ETag. A plain function of plain data, so it runs where the request loop is not:
// in the read worker (lib/worker/readTasks.ts), or in process with BALLAST_WORKERS=off.

export type CacheableViewInput = {
  /** A good snapshot (its row read on the request's thread just before: its 404 / 409 checks done there). */
  snapshotId: string;
  hostId: string;
  view: CacheableViewName;
  /** Parsed by the view's own query schema. */
  query: unknown;
  pricePerGbMonth: number;
  hostName: string | null;
};

export type CacheableViewResult = { kind: "body"; gzip: Uint8Array<ArrayBuffer>; etag: string } | { kind: "not_found"; what: string };

export async function buildCacheableView({ snapshotId, hostId, view, query, pricePerGbMonth, hostName }: CacheableViewInput): Promise<CacheableViewResult> {
  // Shared by the views of one snapshot built at once (the host page's); null when retention removed the
  // snapshot between the request's read of its row and this load.
  const snapshot = await snapshotViews().get(snapshotId, hostId, () => loadHostSnapshot(snapshotId));
  if (!snapshot) return { kind: "not_found", what: "Snapshot" };
  const answer = runCacheableView(view, snapshot, { query, pricePerGbMonth, hostName });
  if (answer instanceof ViewNotFound) return { kind: "not_found", what: answer.what };
  return { kind: "body", ...(await serialisedBody(answer)) };
}
