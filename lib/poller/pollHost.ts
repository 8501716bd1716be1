import "server-only";
import { PollFailure } from "@/lib/collect/pollFailure";
import { config } from "@/lib/config";
import { DEFAULT_BACKOFF } from "@/lib/analysis/pollBackoff";
import type { HostDto } from "@/lib/store/hosts";
import { snapshotViews } from "@/lib/store/snapshotViewCache";
import { runStoreTask, workersEnabled } from "@/lib/worker/storeWorker";
import { pollWork, recordPoll, type PollRecordInput, type PollWorkResult } from "./pollWork";

export type PollResult = { ok: true; snapshotId: string; newSeries: boolean } | { ok: false; snapshotId: string; failure: PollFailure };

export type PollOptions = {
  /** Aborts the poll's requests (the pool's deadline). Without it the poll gets its own deadline. */
  signal?: AbortSignal;
  /** The schedule's clock (the pool's injected clock in tests). */
  now?: () => number;
  random?: () => number;
  /**
   * A background poll: read only the parts that may have changed (readPlan.ts), carry the others from
   * this host's previous poll with their read times. Default (Poll now, after a cleanup): read everything.
   */
  cadence?: boolean;
};

/** BALLAST_POLL_TIMEOUT_MS: the deadline of one host's whole poll. */
export const pollDeadlineMs = () => config().BALLAST_POLL_TIMEOUT_MS;
const backoff = () => ({ ...DEFAULT_BACKOFF, maxSec: config().BALLAST_BACKOFF_MAX_SEC });

// On globalThis: the poller (instrumentation) and "Poll now" (a route handler) are separate Next.js
// bundles; one map for both makes a "Poll now" during a background poll join it (issue 8).
const shared = globalThis as unknown as { ballastPollsInFlight?: Map<string, Promise<PollResult>> };
const inFlight = (shared.ballastPollsInFlight ??= new Map<string, Promise<PollResult>>());

function ownDeadline(endpoint: string): { signal: AbortSignal; cancel: () => void } {
  const controller = new AbortController();
  const deadlineMs = pollDeadlineMs();
  const timer = setTimeout(() => controller.abort(new PollFailure("timeout", `Polling ${endpoint} took longer than ${deadlineMs / 1000} s`)), deadlineMs);
  timer.unref?.();
  return { signal: controller.signal, cancel: () => clearTimeout(timer) };
}

/**
 * The heavy half (pollWork.ts: read, parse, store) runs in the store worker, off this event loop (issue
 * 14 item 4). A worker that dies mid-poll fails the poll like any store error: its transaction never
 * committed, so no half-written snapshot is left.
 */
async function pollWorkSomewhere(host: HostDto, cadence: boolean, signal: AbortSignal): Promise<PollWorkResult> {
  if (!workersEnabled()) return pollWork({ host, cadence }, signal);
  try {
    return await runStoreTask("poll", { host, cadence }, { signal });
  } catch (error) {
    if (signal.aborted && signal.reason instanceof PollFailure) return { ok: false, failure: { code: signal.reason.code, message: signal.reason.message } };
    console.error(`[ballast] polling ${host.endpoint} in the store worker failed:`, error instanceof Error ? error.message : error);
    return { ok: false, failure: { code: "store_error", message: "Ballast's worker stopped while storing this snapshot; the server log has the details" } };
  }
}

const record = (input: PollRecordInput) => (workersEnabled() ? runStoreTask("recordPoll", input) : recordPoll(input));

async function runPoll(host: HostDto, options: PollOptions): Promise<PollResult> {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const started = new Date();
  const deadline = options.signal ? { signal: options.signal, cancel: () => undefined } : ownDeadline(host.endpoint);
  try {
    const work = await pollWorkSomewhere(host, options.cadence ?? false, deadline.signal);
    if (!work.ok) {
      const failure = new PollFailure(work.failure.code, work.failure.message);
      const outcome = { at: new Date(now()), failure: work.failure, engineId: null, random: random(), backoff: backoff() };
      const { failedSnapshotId } = await record({ hostId: host.id, outcome, failed: { takenAt: started, durationMs: Date.now() - started.getTime() } });
      return { ok: false, snapshotId: failedSnapshotId!, failure };
    }
    // The save moved the host's images' lastUsedAt: this thread's cached views of its snapshots are stale.
    snapshotViews().forgetHost(host.id);
    const outcome = { at: new Date(now()), failure: null, engineId: work.engineId, random: random(), backoff: backoff() };
    const { recorded } = await record({ hostId: host.id, outcome });
    return { ok: true, snapshotId: work.snapshotId, newSeries: recorded?.newSeries ?? false };
  } finally {
    deadline.cancel();
  }
}

/** Polls a host now; a poll already running for the host is joined, never run twice. */
export function pollHost(host: HostDto, options: PollOptions = {}): Promise<PollResult> {
  const running = inFlight.get(host.id);
  if (running) return running;
  const poll = runPoll(host, options).finally(() => inFlight.delete(host.id));
  inFlight.set(host.id, poll);
  return poll;
}
