"use client";
import { useQuery } from "@tanstack/react-query";
import type { ImageDetail } from "@/lib/api/explorerTypes";
import { apiFetch } from "./apiFetch";
import { keys } from "./keys";

/** One image of a snapshot: layers in order, the step that made each, who shares them. */
export function useImageDetailQuery(snapshotId: string | null | undefined, imageId: string) {
  const hex = imageId.replace(/^sha256:/, "");
  return useQuery({
    queryKey: keys.snapshotImage(snapshotId ?? "", hex),
    queryFn: () => apiFetch<{ image: ImageDetail }>(`/api/snapshots/${snapshotId}/images/${hex}`),
    enabled: Boolean(snapshotId),
    staleTime: Infinity,
  });
}
