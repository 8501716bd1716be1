import "server-only";
import type { Outcome, TargetResult } from "@/lib/analysis/actionChecks";
import type { SuggestionTarget } from "@/lib/analysis/strategies/types";

export type { TargetResult } from "@/lib/analysis/actionChecks";

export const result = (target: SuggestionTarget, outcome: Outcome, reason: string | null): TargetResult => ({
  kind: target.kind,
  targetId: target.id,
  name: target.name,
  outcome,
  reason,
  bytes: target.bytes,
});

/** docker-modem's "(HTTP code 409) unexpected - conflict: …" → "conflict: …". */
export const plain = (message: string) => message.replace(/^\(HTTP code \d+\) [\w ]+ - /, "").trim();
