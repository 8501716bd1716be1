import "server-only";
import { snapshotsToRemove, type RetentionPolicy } from "@/lib/analysis/snapshotRetention";
import { db } from "./db";
import { pinnedSnapshotIds } from "./retentionPins";

// What a retention pass plans to delete on one host: the pure rule (lib/analysis/snapshotRetention.ts)
// over the host's snapshots, with what pins them (runs, suggestions) and what each one needs to read
// back: its image part's holder, and that holder's keyframe/delta chain (SnapshotImagePart prevId and
// baseId, issue 14). The pass checks again, in each transaction, before it deletes anything.

const PAGE = 500;

type Candidate = { id: string; takenAt: Date; status: string; engineId: string | null; imagesFromId: string | null };

/** The host's snapshots, a page at a time (mapping thousands of rows at once blocks the event loop). */
async function listCandidates(hostId: string, pause: () => Promise<void>): Promise<Candidate[]> {
  const select = { id: true, takenAt: true, status: true, engineId: true, imagesFromId: true } as const;
  const rows: Candidate[] = [];
  for (;;) {
    const last = rows.at(-1);
    const page = await db().snapshot.findMany({
      where: { hostId },
      select,
      orderBy: [{ takenAt: "asc" }, { id: "asc" }],
      take: PAGE,
      ...(last ? { cursor: { id: last.id }, skip: 1 } : {}),
    });
    rows.push(...page);
    if (page.length < PAGE) return rows;
    await pause();
  }
}

/** Snapshot id → snapshots it needs to stay readable (image part holder, delta chain). */
async function imageRequirements(hostId: string, candidates: Candidate[]): Promise<Map<string, string[]>> {
  const requires = new Map<string, string[]>();
  const add = (id: string, needed: string | null) => {
    if (needed && needed !== id) requires.set(id, [...(requires.get(id) ?? []), needed]);
  };
  for (const c of candidates) add(c.id, c.imagesFromId);
  const parts = await db().$queryRawUnsafe<{ snapshotId: string; prevId: string | null; baseId: string | null }[]>(
    `SELECT p."snapshotId", p."prevId", p."baseId" FROM "SnapshotImagePart" p JOIN "Snapshot" s ON s."id" = p."snapshotId" WHERE s."hostId" = ?`,
    hostId,
  );
  for (const part of parts) {
    add(part.snapshotId, part.prevId);
    add(part.snapshotId, part.baseId);
  }
  return requires;
}

/** Ids the rule removes now on this host, oldest first. */
export async function planHostRetention(
  host: { id: string; seriesStartedAt: Date | null },
  now: Date,
  policy: RetentionPolicy,
  pause: () => Promise<void>,
): Promise<string[]> {
  const candidates = await listCandidates(host.id, pause);
  const [pinned, requires] = await Promise.all([pinnedSnapshotIds(host.id), imageRequirements(host.id, candidates)]);
  return snapshotsToRemove(
    candidates.map((row) => ({
      id: row.id,
      takenAt: row.takenAt.toISOString(),
      status: row.status === "ok" ? ("ok" as const) : ("failed" as const),
      engineId: row.engineId,
    })),
    { now, policy, pinned, requires, seriesStartedAt: host.seriesStartedAt?.toISOString() ?? null },
  );
}
