import { snapshotView } from "@/lib/api/snapshotRoute";
import { layerRows } from "@/lib/analysis/snapshotRows";

export const dynamic = "force-dynamic";

// Pure of the snapshot: one answer per snapshot, shared by every client (issue 14).
export const GET = snapshotView((snapshot) => ({ layers: layerRows(snapshot) }), { cacheAs: "layers" });
