import "server-only";
import type { Suggestion } from "@/lib/analysis/strategies/types";
import { db } from "./db";
import { parseJson, toNumber } from "./snapshotMapper";

export type SuggestionStatus = "open" | "approved" | "superseded";

export type SuggestionDto = Suggestion & {
  id: string;
  hostId: string;
  snapshotId: string;
  status: SuggestionStatus;
  createdAt: string;
  runId: string | null;
};

type Row = Awaited<ReturnType<ReturnType<typeof db>["suggestion"]["findFirstOrThrow"]>> & { run: { id: string } | null };

function toDto(row: Row): SuggestionDto {
  return {
    id: row.id,
    hostId: row.hostId,
    snapshotId: row.snapshotId,
    strategy: row.strategy,
    title: row.title,
    reason: row.reason,
    targets: parseJson(row.targetsJson, []),
    bytes: toNumber(row.bytes) ?? 0,
    monthlyCost: row.monthlyCost,
    risk: row.risk as Suggestion["risk"],
    actionable: row.actionable,
    ...(row.assumption !== null ? { assumption: row.assumption } : {}),
    status: row.status as SuggestionStatus,
    createdAt: row.createdAt.toISOString(),
    runId: row.run?.id ?? null,
  };
}

const include = { run: { select: { id: true } } } as const;

/** Suggestions computed from one snapshot, largest first. */
export async function listSuggestionsForSnapshot(snapshotId: string): Promise<SuggestionDto[]> {
  const rows = await db().suggestion.findMany({ where: { snapshotId }, include, orderBy: [{ bytes: "desc" }, { strategy: "asc" }] });
  return rows.map(toDto);
}

export async function getSuggestion(id: string): Promise<SuggestionDto | null> {
  const row = await db().suggestion.findUnique({ where: { id }, include });
  return row ? toDto(row) : null;
}

/** The set of (kind, id, name) a suggestion would act on: equal sets mean the person approves the same thing. */
export function targetSetKey(targets: Suggestion["targets"]): string {
  return JSON.stringify(targets.map((t) => `${t.kind}\u0000${t.id}\u0000${t.name}`).sort());
}

const rowOf = (hostId: string, snapshotId: string, s: Suggestion) => ({
  hostId,
  snapshotId,
  strategy: s.strategy,
  title: s.title,
  reason: s.reason,
  targetsJson: JSON.stringify(s.targets),
  bytes: s.bytes,
  monthlyCost: s.monthlyCost,
  risk: s.risk,
  actionable: s.actionable,
  assumption: s.assumption ?? null,
});

/**
 * Stores the suggestions of a host's newest snapshot, in one transaction. An open suggestion of an
 * older snapshot whose target set is unchanged moves to the new snapshot and stays open (same id, so a
 * poll loop cannot make approvals fail, issue 8); the others are superseded. Approved ones are never
 * touched. A second caller racing on the same snapshot hits the (snapshotId, strategy) unique key and
 * reads what the first stored.
 */
export async function saveSuggestions(hostId: string, snapshotId: string, suggestions: Suggestion[]): Promise<SuggestionDto[]> {
  try {
    await db().$transaction(async (tx) => {
      const older = await tx.suggestion.findMany({ where: { hostId, status: "open", snapshotId: { not: snapshotId } }, orderBy: { createdAt: "desc" } });
      const kept = new Set<string>();
      for (const suggestion of suggestions) {
        const same = older.find(
          (o) => !kept.has(o.id) && o.strategy === suggestion.strategy && targetSetKey(parseJson(o.targetsJson, [])) === targetSetKey(suggestion.targets),
        );
        if (same) {
          const moved = await tx.suggestion.updateMany({ where: { id: same.id, status: "open" }, data: rowOf(hostId, snapshotId, suggestion) });
          if (moved.count === 1) {
            kept.add(same.id);
            continue;
          }
        }
        await tx.suggestion.create({ data: rowOf(hostId, snapshotId, suggestion) });
      }
      const stale = older.filter((o) => !kept.has(o.id)).map((o) => o.id);
      await tx.suggestion.updateMany({ where: { id: { in: stale }, status: "open" }, data: { status: "superseded" } });
    });
  } catch (error) {
    if ((error as { code?: string }).code !== "P2002") throw error;
  }
  return listSuggestionsForSnapshot(snapshotId);
}

/** Whether any suggestion was computed from this snapshot (an empty result is stored as none). */
export async function hasSuggestionsFor(snapshotId: string): Promise<boolean> {
  return (await db().suggestion.count({ where: { snapshotId } })) > 0;
}

export async function supersedeSuggestion(id: string): Promise<void> {
  await db().suggestion.updateMany({ where: { id, status: "open" }, data: { status: "superseded" } });
}
