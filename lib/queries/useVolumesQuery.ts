"use client";
import { useQuery } from "@tanstack/react-query";
import type { VolumeRow } from "@/lib/api/explorerTypes";
import { apiFetch } from "./apiFetch";
import { keys } from "./keys";

/** Volumes of one snapshot, each with the last container seen using it. Snapshots never change, so the answer is cached for good. */
export function useVolumesQuery(snapshotId: string | null | undefined) {
  return useQuery({
    queryKey: keys.snapshotView(snapshotId ?? "", "volumes"),
    queryFn: () => apiFetch<{ volumes: VolumeRow[]; historySnapshots: number }>(`/api/snapshots/${snapshotId}/volumes`),
    enabled: Boolean(snapshotId),
    staleTime: Infinity,
  });
}
