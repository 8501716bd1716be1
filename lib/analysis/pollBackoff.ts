// Pure: when a host is polled next. No clock, no randomness of its own (both are passed in), so the
// schedule is unit-testable and the pool can run on an injected clock.

export type BackoffSettings = {
  /** Longest wait between two polls of a failing host, in seconds (never shorter than its interval). */
  maxSec: number;
  /** Jitter as a fraction of the delay: 0.2 spreads a retry over ±20 %, so hosts that failed together
   *  (a network blip) do not all retry in the same second. */
  jitter: number;
};

export const DEFAULT_BACKOFF: BackoffSettings = { maxSec: 3600, jitter: 0.2 };

/**
 * Milliseconds until the next poll. A good poll (`failureCount` 0) waits the host's interval; the n-th
 * failure in a row waits interval × 2^(n−1), capped at max(interval, maxSec), with jitter — so a dead
 * host costs little, and a host that comes back is noticed within one capped delay. `random` is in [0, 1).
 */
export function nextPollDelayMs(intervalSec: number, failureCount: number, random: number, settings: BackoffSettings = DEFAULT_BACKOFF): number {
  const intervalMs = intervalSec * 1000;
  if (failureCount <= 0) return intervalMs;
  const capMs = Math.max(intervalMs, settings.maxSec * 1000);
  const base = Math.min(capMs, intervalMs * 2 ** Math.min(failureCount - 1, 30));
  const spread = 1 - settings.jitter + 2 * settings.jitter * Math.min(Math.max(random, 0), 1);
  return Math.round(Math.min(capMs, base * spread));
}
