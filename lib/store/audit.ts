import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "./db";
import { parseJson } from "./snapshotMapper";

// The audit log: append-only (the database refuses UPDATE and DELETE on it, see the approvals migration).

export type AuditAction =
  | "run_started"
  | "run_finished"
  | "run_interrupted"
  | "run_reconciled"
  | "host_added"
  | "host_price_changed"
  | "host_changed"
  | "host_deleted"
  | "user_added"
  | "user_changed"
  | "initial_admin_applied"
  | "token_created"
  | "token_revoked"
  | "retention_pass";
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
