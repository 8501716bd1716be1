import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { PartKind } from "./snapshotParts";

// Before retention deletes a snapshot whose rows other snapshots read (`…FromId` names it, see
// snapshotWriter), those rows are handed to one of the readers that stays (the heir), so every kept
// snapshot reads back exactly what it did. Each step is one statement and every state between two steps
// reads the same to a reader outside the transaction (the adapter runs other requests' queries on the
// same connection, between this transaction's awaits): copy the rows to the heir, let the heir read its
// copy, then point the other readers at the heir. The holder's own rows go with the holder, later.

type Tx = Prisma.TransactionClient;

/**
 * The parts handed over, and the tables holding their rows by `snapshotId` (a new per-part table must be
 * added here). Not the image part: its rows form keyframe/delta chains (SnapshotImagePart, issue 14), so
 * retention keeps every snapshot of a chain a kept snapshot reads instead (retentionPlan.ts).
 */
export const HANDED_OVER: Partial<Record<PartKind, string[]>> = {
  containers: ["SnapshotContainer", "SnapshotContainerSet"],
  volumes: ["SnapshotVolume"],
  buildCache: ["SnapshotBuildCache"],
};
export const HANDED_OVER_KINDS = Object.keys(HANDED_OVER) as PartKind[];

export const fromIdField = (kind: PartKind) => `${kind}FromId` as const;

/** Select every part's `…FromId` (a computed single key confuses Prisma's result types). */
export const FROM_IDS = { imagesFromId: true, containersFromId: true, volumesFromId: true, buildCacheFromId: true } as const;

const columnsByTable = new Map<string, string[]>();

/** A table's columns other than snapshotId, read from SQLite itself (a column added later is copied too). */
async function otherColumns(tx: Tx, table: string): Promise<string[]> {
  if (!columnsByTable.has(table)) {
    const rows = await tx.$queryRawUnsafe<{ name: string }[]>(`PRAGMA table_info("${table}")`);
    columnsByTable.set(
      table,
      rows.map((row) => row.name).filter((name) => name !== "snapshotId"),
    );
  }
  return columnsByTable.get(table)!;
}

/** Copies a holder's rows of one part to the heir, gives the heir its own copy, then repoints the rest. */
export async function handOverPart(tx: Tx, hostId: string, kind: PartKind, holderId: string, heirId: string): Promise<void> {
  for (const table of HANDED_OVER[kind] ?? []) {
    const columns = (await otherColumns(tx, table)).map((name) => `"${name}"`).join(", ");
    await tx.$executeRawUnsafe(
      `INSERT INTO "${table}" ("snapshotId", ${columns}) SELECT ?, ${columns} FROM "${table}" WHERE "snapshotId" = ?`,
      heirId,
      holderId,
    );
  }
  const field = fromIdField(kind);
  // The part's hash lives on its holder (snapshotWriter.ts): the heir takes it along with the rows.
  const hashField = `${kind}Hash` as const;
  const holder = await tx.snapshot.findUnique({ where: { id: holderId }, select: { [hashField]: true } as Record<typeof hashField, true> });
  const hash = (holder as Record<string, string | null> | null)?.[hashField] ?? null;
  await tx.snapshot.update({ where: { id: heirId }, data: { [field]: null, ...(hash !== null ? { [hashField]: hash } : {}) } });
  // Readers are always the holder's host's snapshots: hostId keeps this on the (hostId, takenAt) index.
  await tx.snapshot.updateMany({ where: { hostId, [field]: holderId }, data: { [field]: heirId } });
}
