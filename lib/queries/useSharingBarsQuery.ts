"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { SharingBar, SharingSortKey } from "@/lib/api/explorerTypes";
import { apiFetch } from "./apiFetch";
import { keys } from "./keys";

/** Shared vs unique bars: top N images by `sortBy`, then an "others" row. */
export function useSharingBarsQuery(snapshotId: string | null | undefined, sortBy: SharingSortKey, topN: number) {
  return useQuery({
    queryKey: keys.snapshotView(snapshotId ?? "", "sharing", sortBy, topN),
    queryFn: () => apiFetch<{ bars: SharingBar[] }>(`/api/snapshots/${snapshotId}/sharing?sortBy=${sortBy}&topN=${topN}`),
    enabled: Boolean(snapshotId),
    staleTime: Infinity,
    placeholderData: keepPreviousData,
  });
}
