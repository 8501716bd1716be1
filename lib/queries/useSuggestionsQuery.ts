"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { SuggestionBody } from "@/lib/api/actionsSchema";
import { apiFetch } from "./apiFetch";
import { keys } from "./keys";

/** Every host's current suggestions (the fleet); the page groups them by strategy. */
export function useSuggestionsQuery() {
  return useQuery({
    queryKey: keys.suggestions(),
    queryFn: () => apiFetch<{ suggestions: SuggestionBody[] }>("/api/suggestions"),
    refetchInterval: 60_000,
    placeholderData: keepPreviousData,
  });
}
