"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { SessionBody } from "@/lib/api/authSchema";
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
      void queryClient.invalidateQueries({ queryKey: keys.audit() });
    },
  });
}

export function useLogoutMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<{ ok: true }>("/api/auth/logout", { method: "POST" }),
    onSuccess: () => queryClient.setQueryData<SessionBody>(keys.session(), { user: null }),
  });
}
