import "server-only";
import crypto from "node:crypto";
import { collectPoll, type PollMemory } from "@/lib/collect/collectSnapshot";
import { createEngineClient, defaultEngineOptions, EngineHttpError } from "@/lib/collect/engine";
import { EndpointError } from "@/lib/collect/endpoint";
import { endpointForHost } from "@/lib/collect/hostEndpoint";
import { PollFailure, toPollFailure, type PollFailureCode } from "@/lib/collect/pollFailure";
import { config } from "@/lib/config";
import { getAgentCredentials } from "@/lib/store/agentCredentials";
import { recordPollOutcome, type PollOutcome, type RecordedOutcome } from "@/lib/store/hostPollState";
import { packAfterPoll } from "@/lib/store/aggregateDays";
import type { HostDto } from "@/lib/store/hosts";
import { retryWhenBusy } from "@/lib/store/busyRetry";
import { databaseImageFactsCache } from "@/lib/store/imageFacts";
import { saveFailedSnapshot, saveSnapshot } from "@/lib/store/snapshotWriter";

// The heavy half of a poll: read the engine, parse and validate its answers, store the snapshot and
// its aggregates. It runs in the store worker (lib/worker/storeWorker.ts) or, with BALLAST_WORKERS=off,
// on the main thread; pollHost.ts does the rest (joining, deadlines, recording the outcome). Input and
// result are plain data: a failure comes back as { code, message }, never as a thrown class.

export type PollWorkInput = { host: HostDto; cadence: boolean };
export type PollWorkResult = { ok: true; snapshotId: string; engineId: string } | { ok: false; failure: { code: PollFailureCode; message: string } };

// Each host's last good poll in this thread, for the next one to carry unchanged parts from (issue 14).
// In memory only: after a restart the first poll reads everything. On globalThis: Next.js bundles the
// poller and "Poll now" apart (BALLAST_WORKERS=off).
const memories = ((globalThis as unknown as { ballastPollMemory?: Map<string, PollMemory> }).ballastPollMemory ??= new Map<string, PollMemory>());

function asFailure(error: unknown, endpoint: string): PollFailure {
  if (error instanceof EndpointError) return new PollFailure("bad_endpoint", error.message);
  if (error instanceof EngineHttpError) return new PollFailure("engine_error", `${endpoint} answered ${error.statusCode}: ${error.message}`);
  return toPollFailure(error, endpoint);
}

/** An abort from the other thread arrives as a plain error: a PollFailure again, so it keeps its code. */
function localSignal(signal: AbortSignal): AbortSignal {
  const controller = new AbortController();
  const relay = () => {
    const reason = signal.reason as { name?: string; code?: string; message?: string } | undefined;
    controller.abort(reason?.name === "PollFailure" && reason.code ? new PollFailure(reason.code as PollFailureCode, reason.message ?? "") : reason);
  };
  if (signal.aborted) relay();
  else signal.addEventListener("abort", relay, { once: true });
  return controller.signal;
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
    // Another connection (the main thread's) may commit while this one saves: then the save runs again.
    const id = await retryWhenBusy(() => saveSnapshot(host.id, ...args));
    packAfterPoll(host.id, Date.now());
    return id;
  } catch (error) {
    const id = crypto.randomUUID();
    console.error(`[ballast] request ${id}: storing the snapshot of ${host.endpoint} failed:`, error);
    throw new PollFailure("store_error", `Ballast could not store this snapshot; the server log has the details under request id ${id}`);
  }
}

/** Reads and stores one poll of `host`; never throws (a failure is the result). */
export async function pollWork(input: PollWorkInput, abortSignal: AbortSignal): Promise<PollWorkResult> {
  const { host } = input;
  const signal = localSignal(abortSignal);
  try {
    const cache = databaseImageFactsCache(host.id);
    const client = createEngineClient(endpointForHost(host, await getAgentCredentials(host.id)), { ...defaultEngineOptions(), signal });
    const { snapshot, memory } = await untilAborted(
      collectPoll(client, cache, { previous: memories.get(host.id), fresh: !input.cadence, maxAgeSec: config().BALLAST_PART_MAX_AGE_SEC }),
      signal,
    );
    const snapshotId = await storeSnapshot(host, snapshot, cache.pending);
    memories.set(host.id, memory);
    return { ok: true, snapshotId, engineId: snapshot.engine.id };
  } catch (error) {
    const failure = asFailure(error, host.endpoint);
    return { ok: false, failure: { code: failure.code, message: failure.message } };
  }
}

export type PollRecordInput = { hostId: string; outcome: PollOutcome; failed?: { takenAt: Date; durationMs: number } };

/**
 * Records a finished poll: the failed snapshot row, if it failed, and the host's status and schedule.
 * In the store worker too, so that the poll's writes come from the one connection that stores
 * snapshots (a write from the main thread would wait there, on its event loop, for a save to commit).
 */
export async function recordPoll(input: PollRecordInput): Promise<{ failedSnapshotId: string | null; recorded: RecordedOutcome }> {
  const { failure } = input.outcome;
  const failed = input.failed;
  const failedSnapshotId =
    failure && failed
      ? await retryWhenBusy(() =>
          saveFailedSnapshot(input.hostId, new PollFailure(failure.code as PollFailureCode, failure.message), failed.takenAt, failed.durationMs),
        )
      : null;
  return { failedSnapshotId, recorded: await retryWhenBusy(() => recordPollOutcome(input.hostId, input.outcome)) };
}
