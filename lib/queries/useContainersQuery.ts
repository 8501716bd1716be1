"use client";
import { useQuery } from "@tanstack/react-query";
import type { ContainerRow } from "@/lib/api/explorerTypes";
import { apiFetch } from "./apiFetch";
import { keys } from "./keys";

/** Containers of one snapshot with their writable layers. Snapshots never change, so the answer is cached for good. */
export function useContainersQuery(snapshotId: string | null | undefined) {
  return useQuery({
    queryKey: keys.snapshotView(snapshotId ?? "", "containers"),
    queryFn: () => apiFetch<{ containers: ContainerRow[] }>(`/api/snapshots/${snapshotId}/containers`),
    enabled: Boolean(snapshotId),
    staleTime: Infinity,
  });
}
