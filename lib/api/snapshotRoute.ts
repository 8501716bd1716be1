import "server-only";
import type { HostSnapshot } from "@/lib/collect/schema";
import type { SnapshotDto } from "@/lib/store/snapshotReader";
import { snapshotExplorerView } from "./explorerRoute";

/**
 * A GET route over one good snapshot: validates the id, loads it, answers `view(snapshot)` as JSON.
 * `shared`: `view` is pure (the snapshot alone), so its body is computed once per snapshot view.
 */
export function snapshotView(view: (snapshot: HostSnapshot, dto: SnapshotDto) => unknown, options: { shared?: boolean } = {}) {
  return snapshotExplorerView((snapshot, context) => view(snapshot, context.dto), options);
}
