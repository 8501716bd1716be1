import "server-only";
// Counts events per key over a sliding window (login failures, polls). Pure apart from the Map it
// holds: the caller passes the time. Keys are bounded so a flood of made-up user names or addresses
// cannot grow memory without end (the oldest key is dropped first).

export class SlidingWindow {
  private readonly events = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly maxKeys = 100_000,
  ) {}

  private recent(key: string, now: number): number[] {
    const times = (this.events.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (times.length === 0) this.events.delete(key);
    else this.events.set(key, times);
    return times;
  }

  /** Seconds until one more event is allowed (0: allowed now). */
  retryAfterSec(key: string, now: number): number {
    const times = this.recent(key, now);
    if (times.length < this.limit) return 0;
    return Math.max(1, Math.ceil((times[times.length - this.limit] + this.windowMs - now) / 1000));
  }

  record(key: string, now: number): void {
    const times = this.recent(key, now);
    times.push(now);
    // Only the newest `limit` events decide anything.
    this.events.delete(key);
    this.events.set(key, times.slice(-this.limit));
    if (this.events.size > this.maxKeys) this.events.delete(this.events.keys().next().value as string);
  }

  clear(key: string): void {
    this.events.delete(key);
  }
}
