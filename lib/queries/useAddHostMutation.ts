"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "./apiFetch";
import { keys } from "./keys";

export type AddHostInput = { name: string; endpoint: string; agent?: { token: string; fingerprint: string } };

export function useAddHostMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: AddHostInput) => {
      const { host } = await apiFetch<{ host: { id: string } }>("/api/hosts", { method: "POST", body: JSON.stringify(input) });
      // Poll right away so the new host shows data (or its error) at once.
      await apiFetch(`/api/hosts/${host.id}/poll`, { method: "POST" }).catch(() => undefined);
      return host;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.hosts() }),
  });
}
