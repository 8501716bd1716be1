"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { TrendResponse } from "@/lib/api/reportTypes";
import { apiFetch } from "./apiFetch";
import { keys } from "./keys";

/** Bytes per category over [from, to) for one host, or the fleet when hostId is null. */
export function useTrendQuery(range: { from: string; to: string }, hostId: string | null) {
  const search = new URLSearchParams({ ...range, ...(hostId ? { hostId } : {}) });
  return useQuery({
    queryKey: keys.trend(hostId, range.from, range.to),
    queryFn: () => apiFetch<TrendResponse>(`/api/trends?${search}`),
    placeholderData: keepPreviousData,
  });
}
