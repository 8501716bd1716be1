"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Role } from "@/lib/analysis/roles";
import { apiFetch } from "./apiFetch";
import { keys } from "./keys";

export type TokenRow = { id: string; name: string; prefix: string; role: Role; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };

export function useTokensQuery(enabled: boolean) {
  return useQuery({ queryKey: keys.tokens(), queryFn: () => apiFetch<{ tokens: TokenRow[] }>("/api/tokens"), enabled });
}

export function useCreateTokenMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; role: Role }) =>
      apiFetch<{ token: string; apiToken: TokenRow }>("/api/tokens", { method: "POST", body: JSON.stringify(input) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.tokens() }),
  });
}

export function useRevokeTokenMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<{ apiToken: TokenRow }>(`/api/tokens/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.tokens() }),
  });
}
