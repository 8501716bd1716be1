import type { HostDto } from "@/lib/store/hosts";
import type { HostSummaryDto } from "@/lib/store/hostSummaries";
import type { SnapshotDto } from "@/lib/store/snapshotReader";
import type { HostSummary, PublicHost, SnapshotBody } from "./types";

// The one mapping from store DTOs to what the API answers. Field by field, never `...dto`: a field
// added to a DTO stays inside the server until someone adds it here on purpose (TLS paths must not leak).

export function publicHost(host: HostDto): PublicHost {
  return {
    id: host.id,
    name: host.name,
    endpoint: host.endpoint,
    tls: host.tls !== null,
    kind: host.kind,
    agent: host.agent && { fingerprint: host.agent.fingerprint },
    enabled: host.enabled,
    pollIntervalSec: host.pollIntervalSec,
    pricePerGbMonth: host.pricePerGbMonth,
    createdAt: host.createdAt,
  };
}

export function snapshotBody(snapshot: SnapshotDto): SnapshotBody {
  return {
    id: snapshot.id,
    takenAt: snapshot.takenAt,
    status: snapshot.status,
    hostId: snapshot.hostId,
    durationMs: snapshot.durationMs,
    error: snapshot.error,
    engine: snapshot.engine,
    totals: snapshot.totals,
    agent: snapshot.agent,
    disk: snapshot.disk,
    disks: snapshot.disks,
    stores: snapshot.stores,
  };
}

export function hostSummaryBody(summary: HostSummaryDto): HostSummary {
  return {
    ...publicHost(summary.host),
    status: summary.status,
    statusSince: summary.host.statusSince,
    lastPollAt: summary.host.lastPollAt,
    nextPollAt: summary.host.nextPollAt,
    failureCount: summary.host.failureCount,
    seriesStartedAt: summary.host.seriesStartedAt,
    lastSnapshot: summary.lastSnapshot,
    lastError: summary.lastError,
    lastGoodSnapshot: summary.lastGoodSnapshot && snapshotBody(summary.lastGoodSnapshot),
    fill: summary.fill,
  };
}
