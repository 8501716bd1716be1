import { snapshotExplorerView } from "@/lib/api/explorerRoute";
import { duplicateRows } from "@/lib/analysis/explorerRows";

export const dynamic = "force-dynamic";

export const GET = snapshotExplorerView((snapshot, { pricePerGbMonth }) => ({ duplicates: duplicateRows(snapshot, pricePerGbMonth) }));
