"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { SnapshotBody } from "@/lib/api/types";
import { apiFetch } from "./apiFetch";
import { keys } from "./keys";

export function usePollHostMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (hostId: string) => apiFetch<{ snapshot: SnapshotBody }>(`/api/hosts/${hostId}/poll`, { method: "POST" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.hosts() }),
  });
}
