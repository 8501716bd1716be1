import type { AuditEntryDto } from "@/lib/store/audit";
import type { HostDto } from "@/lib/store/hosts";
import type { HostSummaryDto } from "@/lib/store/hostSummaries";
import type { RunDto } from "@/lib/store/runs";
import type { SnapshotDto } from "@/lib/store/snapshotReader";
import type { SuggestionDto } from "@/lib/store/suggestions";
import type { AuditEntryBody, HostSummary, PublicHost, RunBody, SnapshotBody, SuggestionBody } from "./types";

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
    asOf: snapshot.asOf,
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
    snapshotCount: summary.snapshotCount,
    lastSnapshot: summary.lastSnapshot,
    lastError: summary.lastError,
    lastGoodSnapshot: summary.lastGoodSnapshot && snapshotBody(summary.lastGoodSnapshot),
    fill: summary.fill,
  };
}

export function suggestionBody(suggestion: SuggestionDto): SuggestionBody {
  return {
    id: suggestion.id,
    hostId: suggestion.hostId,
    snapshotId: suggestion.snapshotId,
    strategy: suggestion.strategy,
    title: suggestion.title,
    reason: suggestion.reason,
    targets: suggestion.targets.map((target) => ({ kind: target.kind, id: target.id, name: target.name, bytes: target.bytes })),
    bytes: suggestion.bytes,
    monthlyCost: suggestion.monthlyCost,
    risk: suggestion.risk,
    actionable: suggestion.actionable,
    ...(suggestion.assumption !== undefined ? { assumption: suggestion.assumption } : {}),
    status: suggestion.status,
    createdAt: suggestion.createdAt,
    runId: suggestion.runId,
  };
}

export function runBody(run: RunDto): RunBody {
  return {
    id: run.id,
    suggestionId: run.suggestionId,
    hostId: run.hostId,
    hostName: run.hostName,
    approvedBy: run.approvedBy,
    approvedAt: run.approvedAt,
    status: run.status,
    expectedBytes: run.expectedBytes,
    reclaimedBytes: run.reclaimedBytes,
    snapshotBeforeId: run.snapshotBeforeId,
    snapshotAfterId: run.snapshotAfterId,
    results: run.results.map((r) => ({ kind: r.kind, id: r.targetId, name: r.name, outcome: r.outcome, reason: r.reason, bytes: r.bytes })),
  };
}

export function auditEntryBody(entry: AuditEntryDto): AuditEntryBody {
  return { id: entry.id, at: entry.at, actor: entry.actor, action: entry.action, runId: entry.runId, details: entry.details };
}
