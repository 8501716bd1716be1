"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { SessionBody } from "@/lib/api/authSchema";
import type { Permission } from "@/lib/analysis/roles";
import { apiFetch } from "./apiFetch";
import { keys } from "./keys";

export function useSessionQuery() {
  return useQuery({ queryKey: keys.session(), queryFn: () => apiFetch<SessionBody>("/api/auth/session") });
}

export function useLoginMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { username: string; password: string }) => apiFetch<SessionBody>("/api/auth/login", { method: "POST", body: JSON.stringify(input) }),
    onSuccess: (body) => {
      queryClient.setQueryData(keys.session(), body);
      // What a person may see depends on who they are: refetch everything as them.
      void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== keys.session()[0] });
    },
  });
}

export function useLogoutMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<{ ok: true }>("/api/auth/logout", { method: "POST" }),
    onSuccess: () => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== keys.session()[0] });
      void queryClient.invalidateQueries({ queryKey: keys.session() });
    },
  });
}

/** What the person at the screen may do (signed in or not); empty while the session loads. */
export function usePermissions(): Set<Permission> {
  const session = useSessionQuery();
  return new Set(session.data?.permissions ?? []);
}
