import "server-only";
import { statusAfterPoll, type HostStatus } from "@/lib/analysis/hostStatus";
import { fillForecasts, HOST_CARD_FILL_WINDOW_DAYS, type FillForecast } from "@/lib/analysis/fillForecast";
import { MS_PER_DAY } from "@/lib/analysis/trends";
import { loadDiskReadings } from "./diskHistory";
import { db } from "./db";
import { listHosts, type HostDto } from "./hosts";
import { getLatestGoodSnapshot, getLatestPoll, type SnapshotDto, type SnapshotRef } from "./snapshotReader";

/** A host with the state of its polls (the API shows it through lib/api/publicBodies.ts). */
export type HostSummaryDto = {
  host: HostDto;
  /** The host's poll health (lib/analysis/hostStatus.ts). */
  status: HostStatus;
  lastSnapshot: SnapshotRef | null;
  lastError: { code: string; message: string } | null;
  /** The newest good snapshot (a failed poll never hides it). */
  lastGoodSnapshot: SnapshotDto | null;
  /** Fill date of each filesystem the agent measures, over the last HOST_CARD_FILL_WINDOW_DAYS days. */
  fill: FillForecast[];
  /** Snapshots kept for this host, good and failed (what deleting the host removes). */
  snapshotCount: number;
};

export async function listHostSummaries(): Promise<HostSummaryDto[]> {
  const hosts = await listHosts();
  const counts = new Map((await db().snapshot.groupBy({ by: ["hostId"], _count: { _all: true } })).map((row) => [row.hostId, row._count._all]));
  return Promise.all(
    hosts.map(async (host) => {
      const now = new Date();
      const window = { from: new Date(now.getTime() - HOST_CARD_FILL_WINDOW_DAYS * MS_PER_DAY), to: new Date(now.getTime() + 1) };
      const [last, good, readings] = await Promise.all([getLatestPoll(host.id), getLatestGoodSnapshot(host.id), loadDiskReadings(host.id, window)]);
      return {
        host,
        // A host polled before statuses were kept reads its status from its newest poll until the next one.
        status: host.status === "pending" && host.lastPollAt === null && last ? statusAfterPoll(last.error?.code ?? null) : host.status,
        lastSnapshot: last ? { id: last.id, takenAt: last.takenAt, status: last.status } : null,
        lastError: host.lastPollAt === null ? (host.lastError ?? last?.error ?? null) : host.lastError,
        lastGoodSnapshot: good,
        fill: fillForecasts(readings, window),
        snapshotCount: counts.get(host.id) ?? 0,
      };
    }),
  );
}
