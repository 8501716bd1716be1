import "server-only";
import { collectSnapshot } from "@/lib/collect/collectSnapshot";
import { createEngineClient, EngineHttpError } from "@/lib/collect/engine";
import { EndpointError } from "@/lib/collect/endpoint";
import { endpointForHost } from "@/lib/collect/hostEndpoint";
import { getAgentCredentials } from "@/lib/store/agentCredentials";
import { PollFailure, toPollFailure } from "@/lib/collect/pollFailure";
import { config } from "@/lib/config";
import type { HostDto } from "@/lib/store/hosts";
import { databaseImageFactsCache } from "@/lib/store/imageFacts";
import { saveFailedSnapshot, saveSnapshot } from "@/lib/store/snapshotWriter";

export type PollResult = { ok: true; snapshotId: string } | { ok: false; snapshotId: string; failure: PollFailure };

// On globalThis: the poller (instrumentation) and "Poll now" (a route handler) are separate Next.js
// bundles; one map for both makes a "Poll now" during a background poll join it (issue 8).
const shared = globalThis as unknown as { ballastPollsInFlight?: Map<string, Promise<PollResult>> };
const inFlight = (shared.ballastPollsInFlight ??= new Map<string, Promise<PollResult>>());

function asFailure(error: unknown, endpoint: string): PollFailure {
  if (error instanceof EndpointError) return new PollFailure("bad_endpoint", error.message);
  if (error instanceof EngineHttpError) return new PollFailure("engine_error", `${endpoint} answered ${error.statusCode}: ${error.message}`);
  return toPollFailure(error, endpoint);
}

function withDeadline<T>(promise: Promise<T>, endpoint: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadlineMs = config().BALLAST_POLL_TIMEOUT_MS;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PollFailure("timeout", `Polling ${endpoint} took longer than ${deadlineMs / 1000} s`)), deadlineMs);
    timer.unref?.();
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

async function runPoll(host: HostDto): Promise<PollResult> {
  const started = new Date();
  try {
    const cache = databaseImageFactsCache(host.id);
    const client = createEngineClient(endpointForHost(host, await getAgentCredentials(host.id)));
    const snapshot = await withDeadline(collectSnapshot(client, cache), host.endpoint);
    return { ok: true, snapshotId: await saveSnapshot(host.id, snapshot, cache.pending) };
  } catch (error) {
    const failure = asFailure(error, host.endpoint);
    const snapshotId = await saveFailedSnapshot(host.id, failure, started, Date.now() - started.getTime());
    return { ok: false, snapshotId, failure };
  }
}

/** Polls a host now; a poll already running for the host is joined, never run twice. */
export function pollHost(host: HostDto): Promise<PollResult> {
  const running = inFlight.get(host.id);
  if (running) return running;
  const poll = runPoll(host).finally(() => inFlight.delete(host.id));
  inFlight.set(host.id, poll);
  return poll;
}
