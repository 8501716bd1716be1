import type { GrowthMeasure, TrendStep } from "@/lib/analysis/trendGrowth";
import { formatBytes, formatTime } from "@/components/format";

// Growth and steps in words (the rule itself is lib/analysis/trendGrowth.ts), the same on every page.

export const NOT_ENOUGH_HISTORY = "not enough history yet";

/** "+1.20 GB/day", or "not enough history yet". */
export function rateText(bytesPerDay: number | null): string {
  if (bytesPerDay === null) return NOT_ENOUGH_HISTORY;
  return `${bytesPerDay < 0 ? "−" : "+"}${formatBytes(Math.round(Math.abs(bytesPerDay)))}/day`;
}

/** What a fleet rate was measured over, or why there is none. */
export function fleetGrowthNote(growth: GrowthMeasure, hostsInWindow: number, windowWords: string): string {
  if (growth.status === "measured") {
    return `over the ${growth.hostIds.length} of ${hostsInWindow} hosts present for the whole ${windowWords}`;
  }
  return growth.hostIds.length === 0 && hostsInWindow > 0
    ? `no host was polled for the whole ${windowWords} yet (a rate needs hosts present all along, and an hour of polls)`
    : "a rate needs an hour of polls";
}

/** What one host's rate was measured over. */
export function hostGrowthNote(growth: GrowthMeasure): string {
  if (growth.status === "measured") return `measured ${formatTime(growth.from)} – ${formatTime(growth.to)}`;
  return "a rate needs an hour of this host's polls from one engine";
}

const KIND_WORDS: Record<TrendStep["kind"], string> = {
  added: "added",
  removed: "removed (disabled)",
  new_series: "answers as another engine: new series",
};

/** "ci-2 added: +70.0 GB (a step, not growth)". */
export function stepText(step: TrendStep): string {
  const sign = step.deltaBytes < 0 ? "−" : "+";
  return `${step.hostName} ${KIND_WORDS[step.kind]}: ${sign}${formatBytes(Math.abs(step.deltaBytes))}`;
}

/** The label drawn on the chart at the step. */
export function stepLabel(step: TrendStep): string {
  return step.kind === "added" ? `+ ${step.hostName}` : step.kind === "removed" ? `− ${step.hostName}` : `${step.hostName}: new engine`;
}

/**
 * Chart labels for the steps: steps closer than `minGapMs` share one line ("3 steps"), so labels of hosts
 * added together do not print over each other; the list beside the chart names each.
 */
export function chartSteps(steps: TrendStep[], minGapMs: number): { at: number; label: string }[] {
  const groups: TrendStep[][] = [];
  for (const step of steps) {
    const last = groups.at(-1);
    if (last && Date.parse(step.at) - Date.parse(last[0].at) < minGapMs) last.push(step);
    else groups.push([step]);
  }
  return groups.map((group) => ({ at: Date.parse(group[0].at), label: group.length === 1 ? stepLabel(group[0]) : `${group.length} steps` }));
}
