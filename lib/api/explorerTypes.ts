// Response types of the host explorer's routes, for the browser side (type-only).
import type { ReclaimableReport } from "@/lib/analysis/reclaimable";
export type { TreemapView } from "@/lib/analysis/treemapView";
export type { ContainerRow, VolumeRow, BuildCacheView, BuildCacheRow, DuplicateRow } from "@/lib/analysis/explorerRows";
export type { ImageDetail } from "@/lib/analysis/imageDetail";
export type { SharingBar, SharingSortKey } from "@/lib/analysis/sharingBars";

export type ReclaimableView = ReclaimableReport & { monthlyCost: { trueReclaimable: number; dockerReclaimable: number } };
