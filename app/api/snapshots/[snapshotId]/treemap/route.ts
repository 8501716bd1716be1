import { snapshotExplorerView } from "@/lib/api/explorerRoute";
import { treemapView } from "@/lib/analysis/treemapView";

export const dynamic = "force-dynamic";

// host → repository → image → layer, small items folded, each shared layer once.
export const GET = snapshotExplorerView((snapshot, { pricePerGbMonth }) => ({ treemap: treemapView(snapshot, pricePerGbMonth) }));
