import "server-only";
import crypto from "node:crypto";
import { collectPoll, type PollMemory } from "@/lib/collect/collectSnapshot";
import { createEngineClient, defaultEngineOptions, EngineHttpError } from "@/lib/collect/engine";
import { EndpointError } from "@/lib/collect/endpoint";
import { endpointForHost } from "@/lib/collect/hostEndpoint";
import { getAgentCredentials } from "@/lib/store/agentCredentials";
import { PollFailure, toPollFailure } from "@/lib/collect/pollFailure";
import { config } from "@/lib/config";
import { recordPollOutcome } from "@/lib/store/hostPollState";
import { DEFAULT_BACKOFF } from "@/lib/analysis/pollBackoff";
import type { HostDto } from "@/lib/store/hosts";
import { databaseImageFactsCache } from "@/lib/store/imageFacts";
import { packAfterPoll } from "@/lib/store/aggregateDays";
import { saveFailedSnapshot, saveSnapshot } from "@/lib/store/snapshotWriter";

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

// Each host's last good poll in this process, for the next one to carry unchanged parts from (issue 14).
// In memory only: after a restart the first poll reads everything. On globalThis for the same reason.
const memories = ((globalThis as unknown as { ballastPollMemory?: Map<string, PollMemory> }).ballastPollMemory ??= new Map<string, PollMemory>());

function asFailure(error: unknown, endpoint: string): PollFailure {
  if (error instanceof EndpointError) return new PollFailure("bad_endpoint", error.message);
  if (error instanceof EngineHttpError) return new PollFailure("engine_error", `${endpoint} answered ${error.statusCode}: ${error.message}`);
  return toPollFailure(error, endpoint);
}

function ownDeadline(endpoint: string): { signal: AbortSignal; cancel: () => void } {
  const controller = new AbortController();
  const deadlineMs = pollDeadlineMs();
  const timer = setTimeout(() => controller.abort(new PollFailure("timeout", `Polling ${endpoint} took longer than ${deadlineMs / 1000} s`)), deadlineMs);
  timer.unref?.();
  return { signal: controller.signal, cancel: () => clearTimeout(timer) };
}

/** Settles when `work` does or, at the latest, when `signal` aborts (whatever ignores the abort is left behind). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** A database error is Ballast's own problem: its text (SQL, Prisma's invocation) goes to the log, never into the stored poll error. */
async function storeSnapshot(host: HostDto, ...args: Parameters<typeof saveSnapshot> extends [string, ...infer Rest] ? Rest : never): Promise<string> {
  try {
    const id = await saveSnapshot(host.id, ...args);
    packAfterPoll(host.id, Date.now());
    return id;
  } catch (error) {
    const id = crypto.randomUUID();
    console.error(`[ballast] request ${id}: storing the snapshot of ${host.endpoint} failed:`, error);
    throw new PollFailure("store_error", `Ballast could not store this snapshot; the server log has the details under request id ${id}`);
  }
}

async function runPoll(host: HostDto, options: PollOptions): Promise<PollResult> {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const started = new Date();
  const deadline = options.signal ? { signal: options.signal, cancel: () => undefined } : ownDeadline(host.endpoint);
  try {
    const cache = databaseImageFactsCache(host.id);
    const client = createEngineClient(endpointForHost(host, await getAgentCredentials(host.id)), { ...defaultEngineOptions(), signal: deadline.signal });
    const { snapshot, memory } = await untilAborted(
      collectPoll(client, cache, { previous: memories.get(host.id), fresh: !options.cadence, maxAgeSec: config().BALLAST_PART_MAX_AGE_SEC }),
      deadline.signal,
    );
    const snapshotId = await storeSnapshot(host, snapshot, cache.pending);
    memories.set(host.id, memory);
    const recorded = await recordPollOutcome(host.id, {
      at: new Date(now()),
      failure: null,
      engineId: snapshot.engine.id,
      random: random(),
      backoff: backoff(),
    });
    return { ok: true, snapshotId, newSeries: recorded?.newSeries ?? false };
  } catch (error) {
    const failure = asFailure(error, host.endpoint);
    const snapshotId = await saveFailedSnapshot(host.id, failure, started, Date.now() - started.getTime());
    await recordPollOutcome(host.id, { at: new Date(now()), failure, engineId: null, random: random(), backoff: backoff() });
    return { ok: false, snapshotId, failure };
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
