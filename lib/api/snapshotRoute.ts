import "server-only";
import type { HostSnapshot } from "@/lib/collect/schema";
import type { SnapshotDto } from "@/lib/store/snapshotReader";
import { snapshotExplorerView } from "./explorerRoute";

/** A GET route over one good snapshot: validates the id, loads it, answers `view(snapshot)` as JSON. */
export function snapshotView(view: (snapshot: HostSnapshot, dto: SnapshotDto) => unknown) {
  return snapshotExplorerView((snapshot, context) => view(snapshot, context.dto));
}
