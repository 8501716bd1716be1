import "server-only";
import { UNRESOLVED, type Outcome } from "@/lib/analysis/actionChecks";
import { createEngineClient } from "@/lib/collect/engine";
import { endpointForHost } from "@/lib/collect/hostEndpoint";
import { appendAudit } from "@/lib/store/audit";
import { getHost } from "@/lib/store/hosts";
import { addMissingResults, getRun, interruptRun, listRunningRuns, listRunsToReconcile, setOutcome } from "@/lib/store/runs";
import { getSuggestion } from "@/lib/store/suggestions";
import { loadHostSnapshot } from "@/lib/store/snapshotReader";
import { activeRuns, workerId } from "./activeRuns";
import { readBackTarget, type ReadBack } from "./readBack";

// Start-up (and periodic) reconciliation of runs no live process holds (issue 8). A run left "running"
// by a dead process becomes "interrupted"; each target whose outcome is not known is read back from the
// live host: gone → removed, still there → not_run, tags gone but image there → untagged. A target the
// run never reached ("pending") was never touched. A host that does not answer is tried again at the
// next pass. Every change is an audit entry. Nothing is ever deleted here: this only reads.
// Assumes one Ballast process per database (a second replica's runs would look orphaned).

const RECONCILE_EVERY_MS = 30_000;

const FROM_READ_BACK: Record<ReadBack, { outcome: Outcome; reason: string }> = {
  removed: { outcome: "removed", reason: "Read back after the run stopped: it is gone from the host." },
  untagged: { outcome: "untagged", reason: "Read back after the run stopped: its tags are gone, the image itself is still there." },
  unchanged: { outcome: "not_run", reason: "Read back after the run stopped: it is still there; nothing was done to it." },
};

async function reconcileRun(runId: string, hostId: string, snapshotBeforeId: string): Promise<void> {
  const run = await getRun(runId);
  const host = await getHost(hostId);
  if (!run || !host) return;
  const tags = new Map((await loadHostSnapshot(snapshotBeforeId))?.images.map((image) => [image.id, image.tags]) ?? []);
  const client = createEngineClient(endpointForHost(host));
  const changes: { kind: string; id: string; name: string; from: Outcome; outcome: Outcome; reason: string }[] = [];
  let hostAnswers = true;
  for (const target of run.results.filter((r) => UNRESOLVED.includes(r.outcome))) {
    let next: { outcome: Outcome; reason: string };
    if (target.outcome === "pending") next = { outcome: "not_run", reason: "The run stopped before it reached this target; nothing was done to it." };
    else if (!hostAnswers) continue;
    else {
      try {
        next = FROM_READ_BACK[await readBackTarget(client, target.kind, target.targetId, tags.get(target.targetId) ?? [])];
      } catch {
        hostAnswers = false;
        if (target.outcome === "unknown") continue;
        next = { outcome: "unknown", reason: "The run stopped mid-delete and the host does not answer; Ballast reads it back when it does." };
      }
    }
    await setOutcome(runId, target, next.outcome, next.reason);
    changes.push({ kind: target.kind, id: target.targetId, name: target.name, from: target.outcome, ...next });
  }
  if (changes.length === 0) return;
  const after = await getRun(runId);
  await appendAudit({
    actor: "ballast",
    action: "run_reconciled",
    runId,
    details: { hostId: host.id, hostName: host.name, status: after?.status ?? run.status, changes, results: after?.results ?? [] },
  });
}

async function getSuggestionOfRun(runId: string) {
  const run = await getRun(runId);
  return run?.suggestionId ? getSuggestion(run.suggestionId) : null;
}

async function reconcileOnce(): Promise<void> {
  for (const run of await listRunningRuns()) {
    // This process's own runs end in approveSuggestion's finally; another worker's can only be a dead one's.
    if (run.workerId === workerId || activeRuns.has(run.id)) continue;
    const interrupted = await interruptRun(run.id, {
      status: "interrupted",
      reason: "The process running it stopped (crash, kill or restart) before the run finished.",
    });
    // A run from before per-target rows existed: any target may have been deleted, so read them all back.
    const suggestion = interrupted && !run.workerId ? await getSuggestionOfRun(run.id) : null;
    if (suggestion) await addMissingResults(run.id, suggestion.targets, "unknown");
  }
  for (const run of await listRunsToReconcile()) {
    if (activeRuns.has(run.runId)) continue;
    await reconcileRun(run.runId, run.hostId, run.snapshotBeforeId);
  }
}

const shared = globalThis as unknown as { ballastReconciling?: Promise<void> | null; ballastReconciler?: NodeJS.Timeout };

/** One reconciliation pass (a pass already under way is joined). */
export function reconcileRuns(): Promise<void> {
  shared.ballastReconciling ??= reconcileOnce().finally(() => {
    shared.ballastReconciling = null;
  });
  return shared.ballastReconciling;
}

/** Reconciles at start, then every 30 s, so no run stays "running" without a worker. */
export function startRunReconciler(): void {
  if (shared.ballastReconciler) return;
  const tick = () => reconcileRuns().catch((error) => console.error("[ballast] reconciling runs failed:", error instanceof Error ? error.message : error));
  void tick();
  shared.ballastReconciler = setInterval(tick, RECONCILE_EVERY_MS);
  shared.ballastReconciler.unref?.();
}
