import "server-only";
import type { AuditAction } from "@/lib/analysis/auditActions";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "./db";
import { parseJson } from "./snapshotMapper";

// The audit log: append-only (the database refuses UPDATE and DELETE on it, see the approvals migration).

export type { AuditAction };
export type AuditEntryDto = { id: string; at: string; actor: string; action: AuditAction; runId: string | null; details: Record<string, unknown> };
export type NewAuditEntry = { actor: string; action: AuditAction; runId: string | null; details: Record<string, unknown> };

type Tx = Prisma.TransactionClient;

export async function appendAudit(entry: NewAuditEntry, tx: Tx = db()): Promise<void> {
  await tx.auditEntry.create({ data: { actor: entry.actor, action: entry.action, runId: entry.runId, detailsJson: JSON.stringify(entry.details) } });
}

/** Newest first. */
export async function listAudit(limit = 500): Promise<AuditEntryDto[]> {
  const rows = await db().auditEntry.findMany({ orderBy: [{ at: "desc" }, { id: "desc" }], take: limit });
  return rows.map((row) => ({
    id: row.id,
    at: row.at.toISOString(),
    actor: row.actor,
    action: row.action as AuditAction,
    runId: row.runId,
    details: parseJson(row.detailsJson, {}),
  }));
}
