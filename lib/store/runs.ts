import "server-only";
import type { RunStatus } from "@/lib/analysis/actionChecks";
import type { TargetResult } from "@/lib/analysis/actionChecks";
import { appendAudit } from "./audit";
import { db } from "./db";
import { toNumber } from "./snapshotMapper";

export type RunDto = {
  id: string;
  suggestionId: string;
  approvedBy: string;
  approvedAt: string;
  status: "running" | RunStatus;
  expectedBytes: number;
  reclaimedBytes: number | null;
  snapshotBeforeId: string;
  snapshotAfterId: string | null;
  results: TargetResult[];
};

export type NewRun = { suggestionId: string; actor: string; expectedBytes: number; snapshotBeforeId: string; details: Record<string, unknown> };

/**
 * Claims an open suggestion for one run: the suggestion turns "approved" and the run is created in one
 * transaction. null when it was not open, or when another request claimed it first (ActionRun's unique
 * suggestionId): a double click or a replayed request never runs twice.
 */
export async function claimSuggestion(run: NewRun): Promise<string | null> {
  try {
    return await db().$transaction(async (tx) => {
      const claimed = await tx.suggestion.updateMany({ where: { id: run.suggestionId, status: "open" }, data: { status: "approved" } });
      if (claimed.count !== 1) return null;
      const row = await tx.actionRun.create({
        data: { suggestionId: run.suggestionId, approvedBy: run.actor, expectedBytes: run.expectedBytes, snapshotBeforeId: run.snapshotBeforeId },
      });
      await appendAudit({ actor: run.actor, action: "run_started", runId: row.id, details: run.details }, tx);
      return row.id;
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return null;
    throw error;
  }
}

export async function recordResults(runId: string, results: TargetResult[]): Promise<void> {
  await db().actionResult.createMany({ data: results.map((r) => ({ runId, ...r })) });
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

export async function getRun(id: string): Promise<RunDto | null> {
  const row = await db().actionRun.findUnique({ where: { id }, include: { results: { orderBy: { at: "asc" } } } });
  if (!row) return null;
  return {
    id: row.id,
    suggestionId: row.suggestionId,
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
      outcome: r.outcome as TargetResult["outcome"],
      reason: r.reason,
      bytes: toNumber(r.bytes) ?? 0,
    })),
  };
}
