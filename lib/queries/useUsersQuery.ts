"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Role } from "@/lib/analysis/roles";
import { apiFetch } from "./apiFetch";
import { keys } from "./keys";

export type UserRow = { id: string; username: string; role: Role; disabled: boolean; source: string; createdAt: string; updatedAt: string };

export function useUsersQuery(enabled: boolean) {
  return useQuery({ queryKey: keys.users(), queryFn: () => apiFetch<{ users: UserRow[] }>("/api/users"), enabled });
}

export function useAddUserMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { username: string; password: string; role: Role }) =>
      apiFetch<{ user: UserRow }>("/api/users", { method: "POST", body: JSON.stringify(input) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.users() }),
  });
}

export function useChangeUserMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...change }: { id: string; role?: Role; password?: string; disabled?: boolean }) =>
      apiFetch<{ user: UserRow }>(`/api/users/${encodeURIComponent(id)}`, { method: "PATCH", body: JSON.stringify(change) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.users() }),
  });
}
