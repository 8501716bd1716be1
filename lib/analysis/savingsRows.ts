import type { Risk, Suggestion } from "@/lib/analysis/strategies/types";

// The savings table: one row per strategy, with each host's suggestion and the fleet's sum. Adding
// hosts is exact (hosts share no disk); within a host, strategies' bytes may overlap (see strategies/index).

export type HostSuggestion = Suggestion & { id: string; hostId: string; status: string; runId: string | null };

export type SavingsRow = {
  strategy: string;
  title: string;
  risk: Risk;
  actionable: boolean;
  fleetBytes: number;
  fleetMonthlyCost: number;
  byHost: Record<string, HostSuggestion>;
};

export type SavingsSortKey = "bytes" | "cost" | "strategy" | "risk";

const RISK_ORDER: Record<Risk, number> = { low: 0, medium: 1, high: 2 };

export function savingsRows(suggestions: HostSuggestion[]): SavingsRow[] {
  const rows = new Map<string, SavingsRow>();
  for (const suggestion of suggestions) {
    const row = rows.get(suggestion.strategy) ?? {
      strategy: suggestion.strategy,
      title: suggestion.title,
      risk: suggestion.risk,
      actionable: false,
      fleetBytes: 0,
      fleetMonthlyCost: 0,
      byHost: {},
    };
    row.fleetBytes += suggestion.bytes;
    row.fleetMonthlyCost += suggestion.monthlyCost;
    row.actionable ||= suggestion.actionable;
    row.byHost[suggestion.hostId] = suggestion;
    rows.set(suggestion.strategy, row);
  }
  return [...rows.values()];
}

/** Sorted copy; bytes and cost descend by default, strategy and risk ascend. */
export function sortSavingsRows(rows: SavingsRow[], key: SavingsSortKey, descending: boolean): SavingsRow[] {
  const compare = (a: SavingsRow, b: SavingsRow): number => {
    if (key === "bytes") return a.fleetBytes - b.fleetBytes;
    if (key === "cost") return a.fleetMonthlyCost - b.fleetMonthlyCost;
    if (key === "risk") return RISK_ORDER[a.risk] - RISK_ORDER[b.risk];
    return a.title.localeCompare(b.title);
  };
  return [...rows].sort((a, b) => (descending ? -compare(a, b) : compare(a, b)) || a.strategy.localeCompare(b.strategy));
}
