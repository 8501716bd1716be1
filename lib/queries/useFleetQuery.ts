"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { FleetHostRow, FleetTotals } from "@/lib/analysis/fleetOverview";
import { apiFetch } from "./apiFetch";
import { keys } from "./keys";

export type FleetBody = { totals: FleetTotals; hosts: FleetHostRow[] };

export function useFleetQuery() {
  return useQuery({
    queryKey: [...keys.hosts(), "fleet"],
    queryFn: () => apiFetch<FleetBody>("/api/fleet"),
    refetchInterval: 15_000,
    placeholderData: keepPreviousData,
  });
}
