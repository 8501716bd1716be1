import "server-only";
import type { TlsFiles } from "@/lib/collect/endpoint";
import { db } from "./db";
import { changingSnapshotKeys } from "./snapshotViewKey";
import { getHost, type HostDto } from "./hosts";

// Editing, disabling and deleting hosts. A host's poll health lives on its row (hostPollState.ts);
// these changes reset it where the change makes the old health meaningless.

export type HostChange = {
  name?: string;
  /** Formatted endpoint (no secrets) and its TLS files; `tls: null` removes them. */
  endpoint?: string;
  tls?: TlsFiles | null;
  pollIntervalSec?: number;
  pricePerGbMonth?: number | null;
  enabled?: boolean;
};

/** Applies a change; null when the host does not exist. */
export async function updateHost(id: string, change: HostChange, now: Date): Promise<HostDto | null> {
  const row = await db().host.findUnique({ where: { id } });
  if (!row) return null;
  const endpointChanged = change.endpoint !== undefined && change.endpoint !== row.endpoint;
  const enabling = change.enabled === true && !row.enabled;
  const disabling = change.enabled === false && row.enabled;
  // Name and price are in cached views' keys (lib/store/snapshotViewKey.ts).
  const write = () =>
    db().host.update({
      where: { id },
      data: {
        ...(change.name !== undefined ? { name: change.name } : {}),
        ...(change.endpoint !== undefined ? { endpoint: change.endpoint } : {}),
        ...(change.tls !== undefined
          ? {
              tlsCaPath: change.tls?.caPath ?? null,
              tlsCertPath: change.tls?.certPath ?? null,
              tlsKeyPath: change.tls?.keyPath ?? null,
              tlsVerify: change.tls?.verify ?? true,
            }
          : {}),
        ...(change.pollIntervalSec !== undefined ? { pollIntervalSec: change.pollIntervalSec } : {}),
        ...(change.pricePerGbMonth !== undefined ? { pricePerGbMonth: change.pricePerGbMonth } : {}),
        ...(change.enabled !== undefined ? { enabled: change.enabled } : {}),
        ...(disabling ? { status: "disabled", statusSince: now } : {}),
        // A host enabled again, or pointed somewhere else, starts over: never polled there yet, due now.
        ...(enabling || (endpointChanged && row.enabled)
          ? { status: "pending", statusSince: now, failureCount: 0, lastErrorCode: null, lastErrorMessage: null, nextPollAt: null }
          : {}),
      },
    });
  await (change.name !== undefined || change.pricePerGbMonth !== undefined ? changingSnapshotKeys(write) : write());
  return getHost(id);
}

/** Starts a new series (another engine answers at this endpoint): history before `at` is not mixed in. */
export async function startNewSeries(id: string, engineId: string, at: Date): Promise<void> {
  await db().host.update({ where: { id }, data: { engineId, seriesStartedAt: at } });
}

/** The id of a cleanup run still running on this host, or null. */
export async function runningCleanupOn(hostId: string): Promise<string | null> {
  const run = await db().actionRun.findFirst({ where: { status: "running", suggestion: { hostId } }, select: { id: true } });
  return run?.id ?? null;
}

export async function countSnapshots(hostId: string): Promise<number> {
  return db().snapshot.count({ where: { hostId } });
}

/**
 * Deletes a host and its snapshots, suggestions and per-host image facts, in one transaction and in
 * an order the foreign keys accept (snapshot rows point at the host's images). Runs keep the host's id
 * and name (copied onto each run) and the audit log has no foreign keys: both outlive the host.
 * Returns the number of snapshots deleted, or null when the host does not exist.
 */
export async function deleteHost(id: string): Promise<number | null> {
  return changingSnapshotKeys(() => deleteHostRows(id));
}

async function deleteHostRows(id: string): Promise<number | null> {
  return db().$transaction(async (tx) => {
    const host = await tx.host.findUnique({ where: { id }, select: { id: true } });
    if (!host) return null;
    const { count } = await tx.snapshot.deleteMany({ where: { hostId: id } });
    await tx.suggestion.deleteMany({ where: { hostId: id } });
    await tx.layer.deleteMany({ where: { hostId: id } });
    await tx.image.deleteMany({ where: { hostId: id } });
    await tx.host.delete({ where: { id } });
    return count;
  });
}
