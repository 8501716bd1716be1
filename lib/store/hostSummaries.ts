import "server-only";
import { listHosts, type HostDto } from "./hosts";
import { getLatestGoodSnapshot, getLatestPoll, type SnapshotDto, type SnapshotRef } from "./snapshotReader";

/** A host with the state of its polls (the API shows it through lib/api/publicBodies.ts). */
export type HostSummaryDto = {
  host: HostDto;
  /** "ok" when the newest poll worked, "failed" when it did not, "pending" before the first poll. */
  status: "ok" | "failed" | "pending";
  lastSnapshot: SnapshotRef | null;
  lastError: { code: string; message: string } | null;
  /** The newest good snapshot (a failed poll never hides it). */
  lastGoodSnapshot: SnapshotDto | null;
};

export async function listHostSummaries(): Promise<HostSummaryDto[]> {
  const hosts = await listHosts();
  return Promise.all(
    hosts.map(async (host) => {
      const [last, good] = await Promise.all([getLatestPoll(host.id), getLatestGoodSnapshot(host.id)]);
      return {
        host,
        status: last ? last.status : "pending",
        lastSnapshot: last ? { id: last.id, takenAt: last.takenAt, status: last.status } : null,
        lastError: last?.error ?? null,
        lastGoodSnapshot: good,
      };
    }),
  );
}
