import { snapshotExplorerView } from "@/lib/api/explorerRoute";
import { buildCacheView } from "@/lib/analysis/explorerRows";

export const dynamic = "force-dynamic";

export const GET = snapshotExplorerView((snapshot, { pricePerGbMonth }) => ({ buildCache: buildCacheView(snapshot, pricePerGbMonth) }));
