import { snapshotView } from "@/lib/api/snapshotRoute";
import { imageAccountingNote, imageRows } from "@/lib/analysis/snapshotRows";

export const dynamic = "force-dynamic";

// Pure of the snapshot: one answer per snapshot, shared by every client (issue 14).
export const GET = snapshotView((snapshot) => ({ images: imageRows(snapshot), accounting: imageAccountingNote(snapshot) }), { cacheAs: "images" });
