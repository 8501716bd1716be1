"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { TreemapView } from "@/lib/api/explorerTypes";
import { apiFetch } from "./apiFetch";
import { keys } from "./keys";

/**
 * The layer treemap of one snapshot, or with `focusId` the subtree of one node (how an "N smaller items"
 * box is opened). Snapshots never change, so answers are cached for good; while another focus loads,
 * the previous answer stays on screen.
 */
export function useTreemapQuery(snapshotId: string | null | undefined, focusId: string | null = null) {
  const focus = focusId ? `?${new URLSearchParams({ focus: focusId })}` : "";
  return useQuery({
    queryKey: keys.snapshotView(snapshotId ?? "", "treemap", ...(focusId ? [focusId] : [])),
    queryFn: () => apiFetch<{ treemap: TreemapView }>(`/api/snapshots/${snapshotId}/treemap${focus}`),
    enabled: Boolean(snapshotId),
    staleTime: Infinity,
    placeholderData: keepPreviousData,
  });
}
