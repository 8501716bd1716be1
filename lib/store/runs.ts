import "server-only";
import { UNRESOLVED, type Outcome, type RunStatus, type TargetResult } from "@/lib/analysis/actionChecks";
import type { SuggestionTarget } from "@/lib/analysis/strategies/types";
import { appendAudit } from "./audit";
import { db } from "./db";
import { toNumber } from "./snapshotMapper";

// Runs and their per-target results. Every target gets its row when the run is claimed ("pending");
// before each delete the intent is written ("deleting"), after it the outcome, so a crash leaves a
// record of exactly what may have happened (issue 8).

export type RunDto = {
  id: string;
  /** null once the host was deleted (its suggestions go with it); the run keeps the host's id and name. */
  suggestionId: string | null;
  hostId: string | null;
  hostName: string | null;
  approvedBy: string;
  approvedAt: string;
  status: "running" | RunStatus;
  expectedBytes: number;
  reclaimedBytes: number | null;
  snapshotBeforeId: string;
  snapshotAfterId: string | null;
  results: TargetResult[];
};

export type NewRun = {
  suggestionId: string;
  host: { id: string; name: string };
  actor: string;
  expectedBytes: number;
  snapshotBeforeId: string;
  targets: SuggestionTarget[];
  /** The process that will run it. */
  workerId: string;
  details: Record<string, unknown>;
};

/**
 * Claims an open suggestion for one run: the suggestion turns "approved", the run and one pending row
 * per target are created in one transaction. null when it was not open, or when another request
 * claimed it first (ActionRun's unique suggestionId): a double click or a replayed request never runs twice.
 */
export async function claimSuggestion(run: NewRun): Promise<string | null> {
  try {
    return await db().$transaction(async (tx) => {
      const claimed = await tx.suggestion.updateMany({ where: { id: run.suggestionId, status: "open" }, data: { status: "approved" } });
      if (claimed.count !== 1) return null;
      const row = await tx.actionRun.create({
        data: {
          suggestionId: run.suggestionId,
          hostId: run.host.id,
          hostName: run.host.name,
          approvedBy: run.actor,
          expectedBytes: run.expectedBytes,
          snapshotBeforeId: run.snapshotBeforeId,
          workerId: run.workerId,
        },
      });
      await tx.actionResult.createMany({
        data: run.targets.map((t) => ({ runId: row.id, kind: t.kind, targetId: t.id, name: t.name, bytes: t.bytes, outcome: "pending" })),
      });
      await appendAudit({ actor: run.actor, action: "run_started", runId: row.id, details: run.details }, tx);
      return row.id;
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return null;
    throw error;
  }
}

/** Writes one target's outcome (the intent "deleting" included); only while the run is open or being reconciled. */
export async function setOutcome(runId: string, target: { kind: string; targetId: string }, outcome: Outcome, reason: string | null): Promise<void> {
  await db().actionResult.updateMany({ where: { runId, kind: target.kind, targetId: target.targetId }, data: { outcome, reason, at: new Date() } });
}

export type RunEnd = { status: RunStatus; reclaimedBytes: number | null; snapshotAfterId: string | null; actor: string; details: Record<string, unknown> };

export async function finishRun(runId: string, end: RunEnd): Promise<void> {
  await db().$transaction(async (tx) => {
    await tx.actionRun.update({
      where: { id: runId },
      data: { status: end.status, reclaimedBytes: end.reclaimedBytes, snapshotAfterId: end.snapshotAfterId, finishedAt: new Date() },
    });
    await appendAudit({ actor: end.actor, action: "run_finished", runId, details: end.details }, tx);
  });
}

/** Marks a run whose process died "interrupted" (only if it is still "running"); true when this call did. */
export async function interruptRun(runId: string, details: Record<string, unknown>): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const changed = await tx.actionRun.updateMany({ where: { id: runId, status: "running" }, data: { status: "interrupted", finishedAt: new Date() } });
    if (changed.count !== 1) return false;
    await appendAudit({ actor: "ballast", action: "run_interrupted", runId, details }, tx);
    return true;
  });
}

/** Runs still "running" in the database, and the process each belongs to. */
export async function listRunningRuns(): Promise<{ id: string; workerId: string | null }[]> {
  return db().actionRun.findMany({ where: { status: "running" }, select: { id: true, workerId: true } });
}

/** Adds a result row for every target that has none (runs claimed before rows were written per target). */
export async function addMissingResults(runId: string, targets: SuggestionTarget[], outcome: Outcome): Promise<void> {
  const known = new Set((await db().actionResult.findMany({ where: { runId }, select: { kind: true, targetId: true } })).map((r) => `${r.kind}:${r.targetId}`));
  const missing = targets.filter((t) => !known.has(`${t.kind}:${t.id}`));
  await db().actionResult.createMany({ data: missing.map((t) => ({ runId, kind: t.kind, targetId: t.id, name: t.name, bytes: t.bytes, outcome })) });
}

/** Finished or interrupted runs with targets whose outcome is not known yet, with their host. */
export async function listRunsToReconcile(): Promise<{ runId: string; hostId: string; snapshotBeforeId: string }[]> {
  const rows = await db().actionRun.findMany({
    where: { status: { not: "running" }, results: { some: { outcome: { in: [...UNRESOLVED] } } } },
    select: { id: true, hostId: true, snapshotBeforeId: true, suggestion: { select: { hostId: true } } },
  });
  // A run whose host was deleted has nothing left to read back.
  return rows.flatMap((r) => {
    const hostId = r.suggestion?.hostId ?? r.hostId;
    return hostId ? [{ runId: r.id, hostId, snapshotBeforeId: r.snapshotBeforeId }] : [];
  });
}

export async function getRun(id: string): Promise<RunDto | null> {
  const row = await db().actionRun.findUnique({ where: { id }, include: { results: { orderBy: [{ at: "asc" }, { id: "asc" }] } } });
  if (!row) return null;
  return {
    id: row.id,
    suggestionId: row.suggestionId,
    hostId: row.hostId,
    hostName: row.hostName,
    approvedBy: row.approvedBy,
    approvedAt: row.approvedAt.toISOString(),
    status: row.status as RunDto["status"],
    expectedBytes: toNumber(row.expectedBytes) ?? 0,
    reclaimedBytes: toNumber(row.reclaimedBytes),
    snapshotBeforeId: row.snapshotBeforeId,
    snapshotAfterId: row.snapshotAfterId,
    results: row.results.map((r) => ({
      kind: r.kind,
      targetId: r.targetId,
      name: r.name,
      outcome: r.outcome as Outcome,
      reason: r.reason,
      bytes: toNumber(r.bytes) ?? 0,
    })),
  };
}
