import "server-only";
import { config } from "@/lib/config";
import { SlidingWindow } from "./slidingWindow";

// The limits one Ballast process keeps in memory (README §Security): 60 polls a minute per signed-in
// user (or per client address where no account exists). Approvals are never limited per host: each
// runs once anyway. Sign-in limits are kept in the database instead (loginLimits.ts), so a restart
// does not reset them; a restart resetting the poll limit costs nothing worse than a minute of polls.

type Limits = { polls: SlidingWindow };

const globalLimits = globalThis as unknown as { ballastLimits?: Limits };

function build(): Limits {
  const settings = config();
  return {
    polls: new SlidingWindow(settings.BALLAST_POLLS_PER_MINUTE, 60_000),
  };
}

export function limits(): Limits {
  globalLimits.ballastLimits ??= build();
  return globalLimits.ballastLimits;
}

/** For tests: start counting afresh (and re-read the environment). */
export function resetLimits(): void {
  globalLimits.ballastLimits = undefined;
}
