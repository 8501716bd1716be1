"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "./apiFetch";
import { keys } from "./keys";

/** Sets a host's USD per GB-month (null = the default); reports and host cards re-read their costs. */
export function useHostPriceMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ hostId, pricePerGbMonth }: { hostId: string; pricePerGbMonth: number | null }) =>
      apiFetch<{ host: { id: string; pricePerGbMonth: number | null } }>(`/api/hosts/${hostId}/settings`, {
        method: "PATCH",
        body: JSON.stringify({ pricePerGbMonth }),
      }),
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: keys.hosts() }), queryClient.invalidateQueries({ queryKey: keys.reports() })]),
  });
}
