import "server-only";
import type { Outcome, TargetResult } from "@/lib/analysis/actionChecks";
import type { SuggestionTarget } from "@/lib/analysis/strategies/types";
import { EngineHttpError } from "@/lib/collect/engine";

// The type lives in lib/analysis (pure) so that lib/store/runs.ts can record it without importing upward.
export type { TargetResult };

export const result = (target: SuggestionTarget, outcome: Outcome, reason: string | null): TargetResult => ({
  kind: target.kind,
  targetId: target.id,
  name: target.name,
  outcome,
  reason,
  bytes: target.bytes,
});

/** docker-modem's "(HTTP code 409) unexpected - conflict: …" → "conflict: …". */
const plain = (message: string) => message.replace(/^\(HTTP code \d+\) [\w ]+ - /, "").trim();

/**
 * A refused delete. Docker answers 409 for anything in use (we never pass force): the target is kept
 * and skipped with Docker's own words. 404: someone removed it first. Anything else is a failure.
 */
export function refused(target: SuggestionTarget, error: unknown): TargetResult {
  if (error instanceof EngineHttpError && error.statusCode === 409) return result(target, "skipped", `Docker refused: ${plain(error.message)}`);
  if (error instanceof EngineHttpError && error.statusCode === 404) return result(target, "skipped", "It was already gone.");
  return result(target, "failed", error instanceof Error ? error.message : String(error));
}
