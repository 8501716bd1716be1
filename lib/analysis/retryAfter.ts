// The sliding-window rule of the sign-in limits (lib/auth/loginLimits.ts): at most `limit` events
// in any `windowMs`; the next one is allowed when the oldest of the newest `limit` leaves the window.

/**
 * Seconds until one more event is allowed, given event times newest first (at least the newest
 * `limit` of them): 0 while fewer than `limit` are inside the window, else at least 1.
 */
export function retryAfterSec(newestFirst: readonly number[], limit: number, windowMs: number, now: number): number {
  const inWindow = newestFirst.filter((t) => now - t < windowMs);
  if (inWindow.length < limit) return 0;
  return Math.max(1, Math.ceil((inWindow[limit - 1] + windowMs - now) / 1000));
}
