import "server-only";
import { z } from "zod";
import { filesystemSchema, storeUsageSchema } from "@/lib/agent/protocol";
import type { Filesystem, HostSnapshot } from "@/lib/collect/schema";

// A snapshot's agent readings (disk, disks, stores) kept as one JSON column: they are small, read whole,
// and never queried by field. Null for snapshots no agent took.

const diskReadingsSchema = z.object({ disk: filesystemSchema.nullable(), disks: z.array(filesystemSchema), stores: z.array(storeUsageSchema) });

export type DiskReadings = {
  /** The agent's version when an agent took the snapshot: logs and disk figures came from it. */
  agent: { version: string } | null;
  disk: Filesystem | null;
  disks: Filesystem[] | null;
  stores: z.infer<typeof storeUsageSchema>[] | null;
};

export function diskColumns(snapshot: HostSnapshot): { agentVersion: string | null; diskJson: string | null } {
  if (!snapshot.agent) return { agentVersion: null, diskJson: null };
  return {
    agentVersion: snapshot.agent.version,
    diskJson: JSON.stringify({ disk: snapshot.disk ?? null, disks: snapshot.disks ?? [], stores: snapshot.stores ?? [] }),
  };
}

export function diskReadings(row: { agentVersion: string | null; diskJson: string | null }): DiskReadings {
  const parsed = row.diskJson ? diskReadingsSchema.safeParse(JSON.parse(row.diskJson)) : null;
  const readings = parsed?.success ? parsed.data : null;
  return {
    agent: row.agentVersion ? { version: row.agentVersion } : null,
    disk: readings?.disk ?? null,
    disks: readings ? readings.disks : null,
    stores: readings ? readings.stores : null,
  };
}
