import type { Clock } from "@/lib/poller/clock";

/** A clock that moves only when the test says so: timers fire inside `advance`, in due order. */
export function manualClock(start: number): Clock & { advance(ms: number): void; pending(): number } {
  let now = start;
  let seq = 0;
  let advancing = false;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimer(fn, ms) {
      const id = seq++;
      timers.set(id, { at: now + Math.max(0, ms), fn });
      // A timer already due (set after the clock moved) fires at once, as a real one would.
      if (ms <= 0 && !advancing) setImmediate(() => timers.delete(id) && fn());
      return () => void timers.delete(id);
    },
    advance(ms) {
      advancing = true;
      const end = now + ms;
      for (;;) {
        const next = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
        if (!next) break;
        timers.delete(next[0]);
        now = Math.max(now, next[1].at);
        next[1].fn();
      }
      now = end;
      advancing = false;
    },
    pending: () => timers.size,
  };
}
