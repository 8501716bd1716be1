"use client";
import { useQuery } from "@tanstack/react-query";
import type { ReclaimableView } from "@/lib/api/explorerTypes";
import { apiFetch } from "./apiFetch";
import { keys } from "./keys";

/** True reclaimable image bytes beside Docker's figure. Snapshots never change, so the answer is cached for good. */
export function useReclaimableQuery(snapshotId: string | null | undefined) {
  return useQuery({
    queryKey: keys.snapshotView(snapshotId ?? "", "reclaimable"),
    queryFn: () => apiFetch<{ reclaimable: ReclaimableView }>(`/api/snapshots/${snapshotId}/reclaimable`),
    enabled: Boolean(snapshotId),
    staleTime: Infinity,
  });
}
