"use client";
import { useQuery } from "@tanstack/react-query";
import type { AuditEntryBody } from "@/lib/api/actionsSchema";
import { apiFetch } from "./apiFetch";
import { keys } from "./keys";

/** The audit log; only asked for when someone is signed in (it answers 401 otherwise). */
export function useAuditQuery(enabled: boolean) {
  return useQuery({ queryKey: keys.audit(), queryFn: () => apiFetch<{ entries: AuditEntryBody[] }>("/api/audit"), enabled, refetchInterval: 30_000 });
}
