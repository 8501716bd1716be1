import "server-only";
// Time as a dependency: the poller's pool runs on this, so tests drive it with a manual clock and
// never wait on real time.

export type Clock = {
  now(): number;
  /** Calls `fn` after `ms`; returns a function that cancels it. */
  setTimer(fn: () => void, ms: number): () => void;
};

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(fn, ms) {
    const timer = setTimeout(fn, Math.max(0, ms));
    // The poller never keeps a process alive on its own (tests, `next build`).
    timer.unref?.();
    return () => clearTimeout(timer);
  },
};
