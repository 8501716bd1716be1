import { snapshotExplorerView } from "@/lib/api/explorerRoute";
import { duplicateRows } from "@/lib/analysis/explorerRows";

export const dynamic = "force-dynamic";

// Pure of the snapshot and the price: one answer per key, shared (issue 14; the host page's overview asks for it).
export const GET = snapshotExplorerView((snapshot, { pricePerGbMonth }) => ({ duplicates: duplicateRows(snapshot, pricePerGbMonth) }), {
  cacheAs: "duplicates",
});
