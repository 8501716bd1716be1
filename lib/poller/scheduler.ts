import "server-only";
import { config } from "@/lib/config";
import { listDueHosts, nextDueAt } from "@/lib/store/hostPollState";
import type { HostDto } from "@/lib/store/hosts";
import { systemClock, type Clock } from "./clock";
import { ensureLocalHost } from "./localHost";
import { pollDeadlineMs, pollHost, type PollResult } from "./pollHost";
import { createPollPool, type PollPool } from "./pool";
import { startRetention } from "./retention";

// Runs inside the Next.js server process (started from instrumentation.ts): a bounded pool polls every
// enabled host when it is due (see pool.ts); a dead host becomes a failed snapshot and a backoff, never
// a stalled cycle. The pool lives on globalThis so route handlers can wake it after adding a host.

const state = globalThis as unknown as { ballastPoller?: PollPool };

export type PollerOptions = {
  clock?: Clock;
  size?: number;
  deadlineMs?: number;
  idleCheckMs?: number;
  random?: () => number;
  /** Called after each poll is recorded (tests wait on it instead of on time). */
  onPolled?: (host: HostDto, result: PollResult) => void;
};

/** The pool wired to the store and the real poll (tests pass a manual clock). */
export function createPoller(options: PollerOptions = {}): PollPool {
  const clock = options.clock ?? systemClock;
  let localCheckedAt = -Infinity;
  return createPollPool<HostDto>({
    size: options.size ?? config().BALLAST_POLL_CONCURRENCY,
    clock,
    deadlineMs: options.deadlineMs ?? pollDeadlineMs(),
    idleCheckMs: options.idleCheckMs ?? 15_000,
    async dueHosts(now, runningIds, limit) {
      // The local engine may start after Ballast: look for it at most once a minute.
      if (now - localCheckedAt >= 60_000) {
        localCheckedAt = now;
        await ensureLocalHost();
      }
      return listDueHosts(now, runningIds, limit);
    },
    nextDueAt,
    async poll(host, signal) {
      const result = await pollHost(host, { signal, now: () => clock.now(), random: options.random, cadence: true });
      options.onPolled?.(host, result);
    },
    onError: (error) => console.error("[ballast] poller:", error instanceof Error ? error.message : error),
  });
}

export function startPoller(): void {
  state.ballastPoller ??= createPoller();
  // Retention thins old snapshots once now, then hourly (BALLAST_RETENTION=off stops it).
  startRetention();
}

/** Makes the running poller look at the schedule now (after a host was added, enabled or edited). */
export function wakePoller(): void {
  state.ballastPoller?.wake();
}
