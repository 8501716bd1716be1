import "server-only";
import { categoryOfStrategy, runStatus, type Category, type TargetResult } from "@/lib/analysis/actionChecks";
import { createEngineClient } from "@/lib/collect/engine";
import { config } from "@/lib/config";
import { endpointForHost } from "@/lib/collect/hostEndpoint";
import { getAgentCredentials } from "@/lib/store/agentCredentials";
import { getHost } from "@/lib/store/hosts";
import { claimSuggestion, finishRun, getRun, setOutcome, type RunDto } from "@/lib/store/runs";
import { getLatestGoodSnapshot, getSnapshot, loadHostSnapshot, type SnapshotDto } from "@/lib/store/snapshotReader";
import { getSuggestion, supersedeSuggestion, type SuggestionDto } from "@/lib/store/suggestions";
import { activeRuns, workerId } from "./activeRuns";
import { currentSuggestionsForHost } from "./currentSuggestions";
import { executeTargets } from "./executeTargets";
import type { RunContext } from "./runTarget";
import { snapshotAfter } from "./snapshotAfter";
import { currentStrategySettings } from "./strategySettings";
import { result } from "./targetResult";

// Approve → re-check → intent → delete → outcome → re-snapshot → audit (ARCHITECTURE.md §Actions).

export type ApproveOutcome = { kind: "ok"; run: RunDto } | { kind: "not_found" } | { kind: "conflict"; code: string; message: string; runId?: string };

const TOTAL_OF: Record<Category, keyof NonNullable<SnapshotDto["totals"]>> = {
  images: "imagesBytes",
  containers: "containersWritableBytes",
  volumes: "volumesBytes",
  buildCache: "buildCacheBytes",
};

const SUPERSEDED = { kind: "conflict", code: "superseded", message: "A newer snapshot replaced this suggestion: review the current list." } as const;

/** Why this suggestion cannot run now, or null. */
async function refusal(suggestion: SuggestionDto): Promise<ApproveOutcome | null> {
  if (suggestion.runId)
    return { kind: "conflict", code: "already_approved", message: "This suggestion was approved already; it runs once.", runId: suggestion.runId };
  if (suggestion.status === "superseded") return SUPERSEDED;
  if (!suggestion.actionable || !categoryOfStrategy(suggestion.strategy))
    return { kind: "conflict", code: "not_actionable", message: "Ballast only advises on this suggestion; it cannot run it." };
  const latest = await getLatestGoodSnapshot(suggestion.hostId);
  if (latest?.id !== suggestion.snapshotId) {
    await supersedeSuggestion(suggestion.id);
    return SUPERSEDED;
  }
  return null;
}

function reclaimed(before: SnapshotDto | null, after: SnapshotDto | null, category: Category): number | null {
  if (!before?.totals || !after?.totals) return null;
  const key = TOTAL_OF[category];
  return (before.totals[key] ?? 0) - (after.totals[key] ?? 0);
}

/** Runs the targets; anything thrown past the per-target handling leaves the rest "not_run", never "pending". */
async function runTargets(
  ctx: RunContext,
  suggestion: SuggestionDto,
  snapshot: NonNullable<Awaited<ReturnType<typeof loadHostSnapshot>>>,
): Promise<TargetResult[]> {
  try {
    return await executeTargets(ctx, suggestion.strategy, suggestion.targets, snapshot);
  } catch (error) {
    const reason = `The run stopped: ${error instanceof Error ? error.message : String(error)}`;
    const run = await getRun(ctx.runId);
    for (const row of run?.results ?? []) {
      if (row.outcome === "pending") await setOutcome(ctx.runId, row, "not_run", reason);
    }
    return (await getRun(ctx.runId))?.results ?? suggestion.targets.map((target) => result(target, "not_run", reason));
  }
}

export async function approveSuggestion(suggestionId: string, actor: string): Promise<ApproveOutcome> {
  const first = await getSuggestion(suggestionId);
  const host = first ? await getHost(first.hostId) : null;
  if (!first || !host) return { kind: "not_found" };
  // A poll since the suggestion keeps it open when its targets are unchanged: compute the current list first.
  if (!first.runId && first.status === "open") await currentSuggestionsForHost(host);
  const suggestion = (await getSuggestion(suggestionId)) ?? first;
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
  const runId = await claimSuggestion({
    suggestionId,
    host: { id: host.id, name: host.name },
    actor,
    expectedBytes: suggestion.bytes,
    snapshotBeforeId: suggestion.snapshotId,
    targets: suggestion.targets,
    workerId,
    details,
  });
  if (!runId) {
    const again = await getSuggestion(suggestionId);
    return { kind: "conflict", code: "already_approved", message: "This suggestion was approved already; it runs once.", runId: again?.runId ?? undefined };
  }
  activeRuns.add(runId);
  try {
    const ctx: RunContext = {
      runId,
      hostId: host.id,
      client: createEngineClient(endpointForHost(host, await getAgentCredentials(host.id))),
      settings: currentStrategySettings(host.pricePerGbMonth),
      // How long a run waits for a host that stopped answering before it ends "partial" (the run's deadline).
      hostWaitMs: config().BALLAST_RUN_HOST_WAIT_MS,
      now: () => new Date(),
      hostGone: false,
      gaveUp: false,
    };
    const results = await runTargets(ctx, suggestion, snapshot);
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
  } finally {
    activeRuns.delete(runId);
  }
  return { kind: "ok", run: (await getRun(runId)) as RunDto };
}
