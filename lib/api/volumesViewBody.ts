import "server-only";
import { volumeRows } from "@/lib/analysis/explorerRows";
import { listSnapshotHistory } from "@/lib/store/snapshotHistory";
import { loadHostSnapshot } from "@/lib/store/snapshotReader";
import { snapshotViews } from "@/lib/store/snapshotViewCache";
import type { CacheableViewResult } from "./cacheableViewBody";
import { serialisedBody } from "./viewResponseCache";

// The volumes view's finished answer: unlike the cacheable views it reads the host's earlier snapshots
// ("last used by": a removed container leaves no trace in Docker), which retention may thin, so it is
// built for each request, but like them off the request loop: in the read worker (lib/worker/readTasks.ts),
// or in process with BALLAST_WORKERS=off. Loading a 1,251-image snapshot is ~100 ms of CPU.

export type VolumesViewInput = {
  /** A good snapshot (its row read on the request's thread just before: its 404 / 409 checks done there). */
  snapshotId: string;
  hostId: string;
  takenAt: string;
  pricePerGbMonth: number;
};

export async function buildVolumesView({ snapshotId, hostId, takenAt, pricePerGbMonth }: VolumesViewInput): Promise<CacheableViewResult> {
  const snapshot = await snapshotViews().get(snapshotId, hostId, () => loadHostSnapshot(snapshotId));
  if (!snapshot) return { kind: "not_found", what: "Snapshot" };
  const history = await listSnapshotHistory(hostId, snapshotId, takenAt);
  const answer = { volumes: volumeRows(snapshot, history, pricePerGbMonth), historySnapshots: history.length + 1 };
  return { kind: "body", ...(await serialisedBody(answer)) };
}
