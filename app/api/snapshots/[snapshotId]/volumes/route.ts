import { snapshotExplorerView } from "@/lib/api/explorerRoute";
import { volumeRows } from "@/lib/analysis/explorerRows";
import { listSnapshotHistory } from "@/lib/store/snapshotHistory";

export const dynamic = "force-dynamic";

// "Last used by" needs the host's earlier snapshots: a removed container leaves no trace in Docker.
export const GET = snapshotExplorerView(async (snapshot, { dto, pricePerGbMonth }) => {
  const history = await listSnapshotHistory(dto.hostId, dto.id, dto.takenAt);
  return { volumes: volumeRows(snapshot, history, pricePerGbMonth), historySnapshots: history.length + 1 };
});
