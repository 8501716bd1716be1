import "server-only";
import { config } from "@/lib/config";
import { SlidingWindow } from "./slidingWindow";

// The limits one Ballast process keeps in memory (README §Security): 10 failed sign-ins per user
// name and 30 per client address in 10 minutes; 60 polls a minute per signed-in user (or per client
// address where no account exists). Approvals are never limited per host: each runs once anyway.

const TEN_MINUTES = 10 * 60_000;

type Limits = { loginPerUser: SlidingWindow; loginPerAddress: SlidingWindow; polls: SlidingWindow };

const globalLimits = globalThis as unknown as { ballastLimits?: Limits };

function build(): Limits {
  const settings = config();
  return {
    loginPerUser: new SlidingWindow(settings.BALLAST_LOGIN_FAILURES_PER_USER, TEN_MINUTES),
    loginPerAddress: new SlidingWindow(settings.BALLAST_LOGIN_FAILURES_PER_ADDRESS, TEN_MINUTES),
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
