"use client";
import { useQuery } from "@tanstack/react-query";
import type { DuplicateRow } from "@/lib/api/explorerTypes";
import { apiFetch } from "./apiFetch";
import { keys } from "./keys";

/** Diff IDs stored on more than one chain. Snapshots never change, so the answer is cached for good. */
export function useDuplicatesQuery(snapshotId: string | null | undefined) {
  return useQuery({
    queryKey: keys.snapshotView(snapshotId ?? "", "duplicates"),
    queryFn: () => apiFetch<{ duplicates: { diffs: DuplicateRow[]; totalWastedBytes: number } }>(`/api/snapshots/${snapshotId}/duplicates`),
    enabled: Boolean(snapshotId),
    staleTime: Infinity,
  });
}
