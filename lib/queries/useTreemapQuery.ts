"use client";
import { useQuery } from "@tanstack/react-query";
import type { TreemapView } from "@/lib/api/explorerTypes";
import { apiFetch } from "./apiFetch";
import { keys } from "./keys";

/** The layer treemap of one snapshot. Snapshots never change, so the answer is cached for good. */
export function useTreemapQuery(snapshotId: string | null | undefined) {
  return useQuery({
    queryKey: keys.snapshotView(snapshotId ?? "", "treemap"),
    queryFn: () => apiFetch<{ treemap: TreemapView }>(`/api/snapshots/${snapshotId}/treemap`),
    enabled: Boolean(snapshotId),
    staleTime: Infinity,
  });
}
