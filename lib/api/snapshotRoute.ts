import "server-only";
import type { HostSnapshot } from "@/lib/collect/schema";
import type { SnapshotDto } from "@/lib/store/snapshotReader";
import { snapshotExplorerView } from "./explorerRoute";

/**
 * A GET route over one good snapshot: validates the id, loads it, answers `view(snapshot)` as JSON.
 * `cacheAs`: `view` is pure (the snapshot alone), so its answer is built once and shared (viewResponseCache.ts).
 */
export function snapshotView(view: (snapshot: HostSnapshot, dto: SnapshotDto) => unknown, options: { cacheAs?: string } = {}) {
  return snapshotExplorerView((snapshot, context) => view(snapshot, context.dto), options);
}
