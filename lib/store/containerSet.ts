import "server-only";
import zlib from "node:zlib";
import type { Container } from "@/lib/collect/schema";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "./db";
import { parseJson, toNumber } from "./snapshotMapper";
import type { SnapshotPartRows } from "./snapshotParts";

// A snapshot's container part as one deflated JSON array (SnapshotContainerSet, issue 14). The rows are
// the SnapshotContainer-shaped ones snapshotParts.ts hashes, in their canonical order, so a set reads
// back exactly what the rows read back. Snapshots stored before sets hold SnapshotContainer rows;
// readers take a holder's set when it has one, its rows otherwise.

type Client = Pick<ReturnType<typeof db>, "snapshotContainer" | "snapshotContainerSet">;
type ContainerRow = Awaited<ReturnType<Client["snapshotContainer"]["findFirstOrThrow"]>>;
type StoredRow = Omit<SnapshotPartRows["containers"][number], "createdAt"> & { createdAt: string };

/** The set's stored bytes for a part's rows. */
export function encodeContainerSet(rows: SnapshotPartRows["containers"]): Uint8Array<ArrayBuffer> {
  return new Uint8Array(zlib.deflateRawSync(JSON.stringify(rows)));
}

export function decodeContainerSet(snapshotId: string, entries: Uint8Array): Container[] {
  const rows = JSON.parse(zlib.inflateRawSync(entries).toString("utf8")) as StoredRow[];
  return rows.map((row) =>
    containerFromRow({
      ...row,
      snapshotId,
      createdAt: new Date(row.createdAt),
      writableBytes: BigInt(row.writableBytes),
      rootFsBytes: BigInt(row.rootFsBytes),
      logBytes: row.logBytes === null ? null : BigInt(row.logBytes),
    }),
  );
}

/** Stores a new snapshot's own container part (nothing when it has no containers). Inside the snapshot's transaction. */
export async function writeContainerSet(tx: Prisma.TransactionClient, snapshotId: string, rows: SnapshotPartRows["containers"]): Promise<void> {
  if (rows.length > 0) await tx.snapshotContainerSet.create({ data: { snapshotId, entries: encodeContainerSet(rows) } });
}

/** The containers each holder's rows or set hold, by holder id (a holder with neither holds none). */
export async function readContainerParts(holderIds: string[], client: Client = db()): Promise<Map<string, Container[]>> {
  const byHolder = new Map<string, Container[]>(holderIds.map((id) => [id, []]));
  if (holderIds.length === 0) return byHolder;
  const [sets, rows] = await Promise.all([
    client.snapshotContainerSet.findMany({ where: { snapshotId: { in: holderIds } } }),
    client.snapshotContainer.findMany({ where: { snapshotId: { in: holderIds } }, orderBy: [{ snapshotId: "asc" }, { containerId: "asc" }] }),
  ]);
  for (const row of rows) byHolder.get(row.snapshotId)!.push(containerFromRow(row));
  for (const set of sets) byHolder.set(set.snapshotId, decodeContainerSet(set.snapshotId, set.entries));
  return byHolder;
}

export function containerFromRow(c: ContainerRow): Container {
  return {
    id: c.containerId,
    name: c.name,
    imageId: c.imageId,
    image: c.image,
    command: c.command,
    state: c.state,
    status: c.status,
    createdAt: c.createdAt.toISOString(),
    writableBytes: toNumber(c.writableBytes) ?? 0,
    rootFsBytes: toNumber(c.rootFsBytes) ?? 0,
    labels: parseJson(c.labelsJson, {}),
    mounts: parseJson(c.mountsJson, []),
    logDriver: c.logDriver,
    logOptions: parseJson(c.logOptionsJson, {}),
    logPath: c.logPath,
    logBytes: toNumber(c.logBytes),
  };
}
