"use client";
import { useQuery } from "@tanstack/react-query";
import type { BuildCacheView } from "@/lib/api/explorerTypes";
import { apiFetch } from "./apiFetch";
import { keys } from "./keys";

/** Build cache records of one snapshot. Snapshots never change, so the answer is cached for good. */
export function useBuildCacheQuery(snapshotId: string | null | undefined) {
  return useQuery({
    queryKey: keys.snapshotView(snapshotId ?? "", "build-cache"),
    queryFn: () => apiFetch<{ buildCache: BuildCacheView }>(`/api/snapshots/${snapshotId}/build-cache`),
    enabled: Boolean(snapshotId),
    staleTime: Infinity,
  });
}
