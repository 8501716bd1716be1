import { snapshotView } from "@/lib/api/snapshotRoute";
import { layerRows } from "@/lib/analysis/snapshotRows";

export const dynamic = "force-dynamic";

export const GET = snapshotView((snapshot) => ({ layers: layerRows(snapshot) }));
