// Response types of the public API, for the browser side (type-only: nothing server-side is bundled).
export type { HostSummary } from "@/lib/store/hostSummaries";
export type { SnapshotDto, SnapshotRef } from "@/lib/store/snapshotReader";
export type { ImageRow, LayerRow } from "@/lib/analysis/snapshotRows";

export type ApiErrorBody = { error: { code: string; message: string; snapshotId?: string } };
