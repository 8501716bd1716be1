import "server-only";
import { pollHost } from "@/lib/poller/pollHost";
import type { HostDto } from "@/lib/store/hosts";
import { getSnapshot, type SnapshotDto } from "@/lib/store/snapshotReader";

export type AfterSnapshot = { snapshot: SnapshotDto | null; failedSnapshotId: string | null; error: string | null };

/**
 * A good snapshot taken after `since`. pollHost joins a poll already running, which may have started
 * before the deletions: such a snapshot does not show them, so poll once more.
 */
export async function snapshotAfter(host: HostDto, since: Date): Promise<AfterSnapshot> {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const polled = await pollHost(host);
    if (!polled.ok) return { snapshot: null, failedSnapshotId: polled.snapshotId, error: polled.failure.message };
    const snapshot = await getSnapshot(polled.snapshotId);
    if (snapshot && Date.parse(snapshot.takenAt) >= since.getTime()) return { snapshot, failedSnapshotId: null, error: null };
  }
  return { snapshot: null, failedSnapshotId: null, error: "No snapshot after the cleanup could be taken" };
}
