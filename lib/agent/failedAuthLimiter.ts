// Limits failed authentication per client address. A cold poll of a big host makes thousands of good
// requests, so only failures count, and a request with the right token is always served.

export type FailedAuthLimiter = {
  /** Records a failure; true when this address is over the limit and should be answered 429. */
  fail(address: string, now: number): boolean;
  /** Failures refused with 429 since the last call (logged as one summary line, not one per request). */
  takeSuppressed(): number;
};

const MAX_ADDRESSES = 10_000;

export function failedAuthLimiter(maxFailures = 10, windowMs = 60_000): FailedAuthLimiter {
  const failures = new Map<string, number[]>();
  let suppressed = 0;
  return {
    fail(address, now) {
      const recent = (failures.get(address) ?? []).filter((at) => now - at < windowMs);
      recent.push(now);
      failures.delete(address);
      failures.set(address, recent.slice(-maxFailures - 1));
      // Bounded memory under a spray of addresses: forget the least recent one.
      if (failures.size > MAX_ADDRESSES) failures.delete(failures.keys().next().value as string);
      const limited = recent.length > maxFailures;
      if (limited) suppressed += 1;
      return limited;
    },
    takeSuppressed() {
      const count = suppressed;
      suppressed = 0;
      return count;
    },
  };
}
