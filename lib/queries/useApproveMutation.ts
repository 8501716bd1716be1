"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { RunBody } from "@/lib/api/actionsSchema";
import { apiFetch } from "./apiFetch";
import { keys } from "./keys";

export function useApproveMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (suggestionId: string) => apiFetch<{ run: RunBody }>(`/api/suggestions/${suggestionId}/approve`, { method: "POST" }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: keys.suggestions() });
      void queryClient.invalidateQueries({ queryKey: keys.audit() });
      void queryClient.invalidateQueries({ queryKey: keys.hosts() });
    },
  });
}
