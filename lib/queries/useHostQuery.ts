"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { HostSummary } from "@/lib/api/types";
import { apiFetch } from "./apiFetch";
import { keys } from "./keys";

/** One host's summary; polled, so a new snapshot shows up without a reload. */
export function useHostQuery(hostId: string) {
  return useQuery({
    queryKey: keys.host(hostId),
    queryFn: () => apiFetch<{ host: HostSummary }>(`/api/hosts/${hostId}`),
    refetchInterval: 30_000,
    placeholderData: keepPreviousData,
  });
}
