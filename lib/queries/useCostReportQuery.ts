"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { CostReportResponse, ReportQuery } from "@/lib/api/reportTypes";
import { apiFetch } from "./apiFetch";
import { keys } from "./keys";

/** The URL of the cost report (JSON) or its CSV download for the same query. */
export function costReportUrl(query: ReportQuery, format: "json" | "csv" = "json"): string {
  const search = new URLSearchParams(query).toString();
  return `/api/reports/${format === "csv" ? "cost.csv" : "cost"}?${search}`;
}

export function useCostReportQuery(query: ReportQuery, enabled = true) {
  return useQuery({
    queryKey: keys.costReport(query.from, query.to, query.groupBy),
    queryFn: () => apiFetch<CostReportResponse>(costReportUrl(query)),
    enabled,
    placeholderData: keepPreviousData,
  });
}
