import { snapshotExplorerView } from "@/lib/api/explorerRoute";
import { containerRows } from "@/lib/analysis/explorerRows";

export const dynamic = "force-dynamic";

export const GET = snapshotExplorerView((snapshot, { pricePerGbMonth }) => ({ containers: containerRows(snapshot, pricePerGbMonth) }));
