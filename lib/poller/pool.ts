import "server-only";
import { PollFailure } from "@/lib/collect/pollFailure";
import type { Clock } from "./clock";

// A bounded pool of polls. A slot that frees takes the next due host at once (no batches: one slow host
// never holds up the hosts behind it), every poll gets a deadline that aborts its requests, and when no
// slot is needed the pool sleeps until the next host is due (or `idleCheckMs`, to notice hosts added or
// edited elsewhere). All timing goes through the injected clock.

export type PoolHost = { id: string; endpoint: string };

export type PollPoolDeps<H extends PoolHost> = {
  size: number;
  clock: Clock;
  deadlineMs: number;
  idleCheckMs: number;
  /** Up to `limit` enabled hosts due at `now`, outside `runningIds`, the most overdue first. */
  dueHosts(now: number, runningIds: string[], limit: number): Promise<H[]>;
  /** When the next host outside `runningIds` is due (ms since the epoch), or null. */
  nextDueAt(runningIds: string[]): Promise<number | null>;
  /** Polls one host; must honour `signal` (the deadline aborts it). */
  poll(host: H, signal: AbortSignal): Promise<unknown>;
  onError?(error: unknown): void;
};

export type PollPool = {
  /** Look at the schedule now (a host was added, enabled or edited). */
  wake(): void;
  /** Takes no new poll; resolves when the running ones have finished (they are not cut short: a poll
   *  aborted at shutdown would record the host as unreachable). */
  stop(): Promise<void>;
  running(): string[];
};

export function createPollPool<H extends PoolHost>(deps: PollPoolDeps<H>): PollPool {
  const running = new Map<string, AbortController>();
  const settled = new Map<string, Promise<void>>();
  let stopped = false;
  let filling = false;
  let again = false;
  let cancelWake: (() => void) | null = null;

  const sleepUntil = (at: number) => {
    cancelWake?.();
    cancelWake = deps.clock.setTimer(() => void fill(), at - deps.clock.now());
  };

  function start(host: H) {
    const controller = new AbortController();
    running.set(host.id, controller);
    const cancelDeadline = deps.clock.setTimer(
      () => controller.abort(new PollFailure("timeout", `Polling ${host.endpoint} took longer than ${Math.round(deps.deadlineMs / 1000)} s`)),
      deps.deadlineMs,
    );
    const done = deps
      .poll(host, controller.signal)
      .then(
        () => undefined,
        (error: unknown) => void (stopped || deps.onError?.(error)),
      )
      .finally(() => {
        cancelDeadline();
        running.delete(host.id);
        settled.delete(host.id);
        void fill();
      });
    settled.set(host.id, done);
  }

  async function fillOnce() {
    const ids = () => [...running.keys()];
    const free = deps.size - running.size;
    if (free > 0) for (const host of await deps.dueHosts(deps.clock.now(), ids(), free)) if (!stopped) start(host);
    if (stopped) return;
    const now = deps.clock.now();
    // A full pool wakes when a slot frees; otherwise at the next due time, and at least every idleCheckMs.
    const next = running.size < deps.size ? await deps.nextDueAt(ids()) : null;
    sleepUntil(Math.min(now + deps.idleCheckMs, next === null ? Infinity : Math.max(next, now)));
  }

  async function fill(): Promise<void> {
    if (stopped) return;
    if (filling) {
      again = true;
      return;
    }
    filling = true;
    try {
      do {
        again = false;
        await fillOnce();
      } while (again && !stopped);
    } catch (error) {
      if (stopped) return;
      deps.onError?.(error);
      sleepUntil(deps.clock.now() + deps.idleCheckMs);
    } finally {
      filling = false;
    }
  }

  void fill();
  return {
    wake: () => void fill(),
    async stop() {
      stopped = true;
      cancelWake?.();
      await Promise.all(settled.values());
    },
    running: () => [...running.keys()],
  };
}
