import "server-only";
import type { HostSnapshot } from "@/lib/collect/schema";
import { snapshotViews } from "./snapshotViewCache";
import { getSnapshot, loadHostSnapshot, type SnapshotDto } from "./snapshotReader";

export type LoadedSnapshot = { kind: "ok"; dto: SnapshotDto; snapshot: HostSnapshot } | { kind: "not_found" } | { kind: "failed"; dto: SnapshotDto };

/** The rebuilt snapshot of a good poll's row; shared by the routes reading it at once (the host page's parallel routes): one load. */
export async function loadSnapshotView(dto: SnapshotDto): Promise<HostSnapshot | null> {
  return dto.status === "ok" ? snapshotViews().get(dto.id, dto.hostId, () => loadHostSnapshot(dto.id)) : null;
}

/** A snapshot ready for analysis, or why not (unknown id, or a failed poll that has no data). */
export async function loadSnapshotForAnalysis(id: string): Promise<LoadedSnapshot> {
  const dto = await getSnapshot(id);
  if (!dto) return { kind: "not_found" };
  if (dto.status !== "ok") return { kind: "failed", dto };
  const snapshot = await loadSnapshotView(dto);
  return snapshot ? { kind: "ok", dto, snapshot } : { kind: "not_found" };
}
