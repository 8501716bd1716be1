import "server-only";
import { categoryOfStrategy, runStatus, type Category } from "@/lib/analysis/actionChecks";
import { createEngineClient } from "@/lib/collect/engine";
import { endpointForHost } from "@/lib/collect/hostEndpoint";
import { getAgentCredentials } from "@/lib/store/agentCredentials";
import { getHost } from "@/lib/store/hosts";
import { claimSuggestion, finishRun, getRun, recordResults, type RunDto } from "@/lib/store/runs";
import { getLatestGoodSnapshot, getSnapshot, loadHostSnapshot, type SnapshotDto } from "@/lib/store/snapshotReader";
import { getSuggestion, supersedeSuggestion, type SuggestionDto } from "@/lib/store/suggestions";
import { executeTargets } from "./executeTargets";
import { snapshotAfter } from "./snapshotAfter";
import { currentStrategySettings } from "./strategySettings";

// Approve → re-check → delete → re-snapshot → audit (ARCHITECTURE.md §Actions).

export type ApproveOutcome = { kind: "ok"; run: RunDto } | { kind: "not_found" } | { kind: "conflict"; code: string; message: string; runId?: string };

const TOTAL_OF: Record<Category, keyof NonNullable<SnapshotDto["totals"]>> = {
  images: "imagesBytes",
  containers: "containersWritableBytes",
  volumes: "volumesBytes",
  buildCache: "buildCacheBytes",
};

/** Why this suggestion cannot run now, or null. */
async function refusal(suggestion: SuggestionDto): Promise<ApproveOutcome | null> {
  if (suggestion.runId)
    return { kind: "conflict", code: "already_approved", message: "This suggestion was approved already; it runs once.", runId: suggestion.runId };
  if (suggestion.status === "superseded")
    return { kind: "conflict", code: "superseded", message: "A newer snapshot replaced this suggestion: review the current list." };
  if (!suggestion.actionable || !categoryOfStrategy(suggestion.strategy))
    return { kind: "conflict", code: "not_actionable", message: "Ballast only advises on this suggestion; it cannot run it." };
  const latest = await getLatestGoodSnapshot(suggestion.hostId);
  if (latest?.id !== suggestion.snapshotId) {
    await supersedeSuggestion(suggestion.id);
    return { kind: "conflict", code: "superseded", message: "A newer snapshot replaced this suggestion: review the current list." };
  }
  return null;
}

function reclaimed(before: SnapshotDto | null, after: SnapshotDto | null, category: Category): number | null {
  if (!before?.totals || !after?.totals) return null;
  const key = TOTAL_OF[category];
  return (before.totals[key] ?? 0) - (after.totals[key] ?? 0);
}

export async function approveSuggestion(suggestionId: string, actor: string): Promise<ApproveOutcome> {
  const suggestion = await getSuggestion(suggestionId);
  const host = suggestion ? await getHost(suggestion.hostId) : null;
  if (!suggestion || !host) return { kind: "not_found" };
  const refused = await refusal(suggestion);
  if (refused) return refused;
  const snapshot = await loadHostSnapshot(suggestion.snapshotId);
  if (!snapshot) return { kind: "conflict", code: "superseded", message: "The snapshot behind this suggestion is gone." };
  const details = {
    hostId: host.id,
    hostName: host.name,
    suggestionId,
    strategy: suggestion.strategy,
    title: suggestion.title,
    expectedBytes: suggestion.bytes,
    targets: suggestion.targets,
  };
  const runId = await claimSuggestion({ suggestionId, actor, expectedBytes: suggestion.bytes, snapshotBeforeId: suggestion.snapshotId, details });
  if (!runId) {
    const again = await getSuggestion(suggestionId);
    return { kind: "conflict", code: "already_approved", message: "This suggestion was approved already; it runs once.", runId: again?.runId ?? undefined };
  }
  const settings = currentStrategySettings(host.pricePerGbMonth);
  const client = createEngineClient(endpointForHost(host, await getAgentCredentials(host.id)));
  const results = await executeTargets(suggestion.strategy, client, suggestion.targets, snapshot, settings);
  await recordResults(runId, results);
  const after = await snapshotAfter(host, new Date());
  const before = await getSnapshot(suggestion.snapshotId);
  const reclaimedBytes = reclaimed(before, after.snapshot, categoryOfStrategy(suggestion.strategy) as Category);
  const status = runStatus(results.map((r) => r.outcome));
  await finishRun(runId, {
    status,
    reclaimedBytes,
    snapshotAfterId: after.snapshot?.id ?? after.failedSnapshotId,
    actor,
    details: { ...details, status, reclaimedBytes, snapshotAfterId: after.snapshot?.id ?? null, afterError: after.error, results },
  });
  return { kind: "ok", run: (await getRun(runId)) as RunDto };
}
