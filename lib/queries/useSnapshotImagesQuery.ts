"use client";
import { useQuery } from "@tanstack/react-query";
import type { ImageAccountingNote, ImageRow } from "@/lib/api/types";
import { apiFetch } from "./apiFetch";
import { keys } from "./keys";

/** Images of one snapshot; snapshots never change, so the answer is cached for good. */
export function useSnapshotImagesQuery(snapshotId: string | null | undefined) {
  return useQuery({
    queryKey: keys.snapshotImages(snapshotId ?? ""),
    queryFn: () => apiFetch<{ images: ImageRow[]; accounting: ImageAccountingNote }>(`/api/snapshots/${snapshotId}/images`),
    enabled: Boolean(snapshotId),
    staleTime: Infinity,
  });
}
