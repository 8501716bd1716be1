import "server-only";
import { nextPollDelayMs, type BackoffSettings } from "@/lib/analysis/pollBackoff";
import { statusAfterPoll, statusSinceAfter } from "@/lib/analysis/hostStatus";
import { db } from "./db";
import { getHost, type HostDto } from "./hosts";

// A host's poll health and schedule, kept on the Host row so that the status survives restarts and the
// next poll is due when it was due before the restart, not "now" for every host at once.

export type PollOutcome = {
  at: Date;
  failure: { code: string; message: string } | null;
  /** `/info` ID of the engine that answered (a good poll only). */
  engineId: string | null;
  /** In [0, 1): the jitter draw (passed in, so tests decide it). */
  random: number;
  backoff?: BackoffSettings;
};

export type RecordedOutcome = { host: HostDto; newSeries: boolean } | null;

/**
 * Records a finished poll: status (and since when), last error, failures in a row, the next due time
 * (interval after a good poll, backoff after a failed one). An answer from another engine ID than the
 * host's series starts a new series (`seriesStartedAt`), so two engines' history never mix.
 */
export async function recordPollOutcome(hostId: string, outcome: PollOutcome): Promise<RecordedOutcome> {
  const row = await db().host.findUnique({ where: { id: hostId } });
  if (!row) return null;
  const status = statusAfterPoll(outcome.failure?.code ?? null);
  const failureCount = outcome.failure ? row.failureCount + 1 : 0;
  const delay = nextPollDelayMs(row.pollIntervalSec, failureCount, outcome.random, outcome.backoff);
  const newSeries = outcome.engineId !== null && row.engineId !== null && row.engineId !== outcome.engineId;
  await db().host.update({
    where: { id: hostId },
    data: {
      // A host disabled while its poll ran stays disabled.
      ...(row.enabled ? { status, statusSince: statusSinceAfter(row, status, outcome.at) } : {}),
      lastErrorCode: outcome.failure?.code ?? null,
      lastErrorMessage: outcome.failure?.message ?? null,
      failureCount,
      lastPollAt: outcome.at,
      nextPollAt: new Date(outcome.at.getTime() + delay),
      ...(outcome.engineId !== null ? { engineId: outcome.engineId } : {}),
      ...(newSeries ? { seriesStartedAt: outcome.at } : {}),
    },
  });
  return { host: (await getHost(hostId))!, newSeries };
}

const dueWhere = (now: number, excludeIds: string[]) => ({
  enabled: true,
  id: { notIn: excludeIds },
  OR: [{ nextPollAt: null }, { nextPollAt: { lte: new Date(now) } }],
});

/** Enabled hosts due at `now`, never-polled first, then the longest overdue. */
export async function listDueHosts(now: number, excludeIds: string[], limit: number): Promise<HostDto[]> {
  if (limit <= 0) return [];
  const rows = await db().host.findMany({
    where: dueWhere(now, excludeIds),
    orderBy: [{ nextPollAt: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }],
    take: limit,
    select: { id: true },
  });
  const hosts = await Promise.all(rows.map((row) => getHost(row.id)));
  return hosts.filter((host): host is HostDto => host !== null);
}

/** The earliest time an enabled host outside `excludeIds` is due (ms), or null when none is scheduled. */
export async function nextDueAt(excludeIds: string[]): Promise<number | null> {
  const row = await db().host.findFirst({
    where: { enabled: true, id: { notIn: excludeIds } },
    orderBy: { nextPollAt: { sort: "asc", nulls: "first" } },
    select: { nextPollAt: true },
  });
  if (!row) return null;
  return row.nextPollAt ? row.nextPollAt.getTime() : 0;
}
