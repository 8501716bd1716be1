import "server-only";
import type { SuggestionTarget } from "@/lib/analysis/strategies/types";
import { refused, type TargetResult } from "./targetResult";

/** Runs one target's re-check and delete; anything thrown (host gone mid-run) becomes that target's result. */
export async function guarded(target: SuggestionTarget, work: () => Promise<TargetResult>): Promise<TargetResult> {
  try {
    return await work();
  } catch (error) {
    return refused(target, error);
  }
}
