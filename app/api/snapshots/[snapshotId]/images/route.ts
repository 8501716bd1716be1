import { snapshotView } from "@/lib/api/snapshotRoute";
import { imageAccountingNote, imageRows } from "@/lib/analysis/snapshotRows";

export const dynamic = "force-dynamic";

export const GET = snapshotView((snapshot) => ({ images: imageRows(snapshot), accounting: imageAccountingNote(snapshot) }));
