"use client";
import { useQuery } from "@tanstack/react-query";
import type { BaseVersions, SharedLayer } from "@/lib/analysis/sharedLayers";
import { apiFetch } from "./apiFetch";

export type SharedLayersBody = { layers: SharedLayer[]; baseVersions: BaseVersions[]; hostsRead: number };

export function useSharedLayersQuery() {
  return useQuery({ queryKey: ["fleet", "shared-layers"], queryFn: () => apiFetch<SharedLayersBody>("/api/fleet/shared-layers") });
}
