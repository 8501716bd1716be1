"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { HostSummary } from "@/lib/api/types";
import { apiFetch } from "./apiFetch";
import { keys } from "./keys";

export function useHostsQuery() {
  return useQuery({
    queryKey: keys.hosts(),
    queryFn: () => apiFetch<{ hosts: HostSummary[] }>("/api/hosts"),
    refetchInterval: 15_000,
    placeholderData: keepPreviousData,
  });
}
