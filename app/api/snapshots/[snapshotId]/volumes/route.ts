import { volumesSnapshotView } from "@/lib/api/explorerRoute";

export const dynamic = "force-dynamic";

// "Last used by" needs the host's earlier snapshots (a removed container leaves no trace in Docker):
// built per request, in the read worker (lib/api/volumesViewBody.ts).
export const GET = volumesSnapshotView();
