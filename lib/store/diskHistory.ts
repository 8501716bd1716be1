import "server-only";
import type { DiskReading } from "@/lib/analysis/fillForecast";
import { db } from "./db";
import { diskReadings } from "./snapshotDisk";

/** The filesystems an agent measured at each good poll of a host in [from, to), oldest first. */
export async function loadDiskReadings(hostId: string, range: { from: Date; to: Date }): Promise<DiskReading[]> {
  const rows = await db().snapshot.findMany({
    where: { hostId, status: "ok", diskJson: { not: null }, takenAt: { gte: range.from, lt: range.to } },
    orderBy: { takenAt: "asc" },
    select: { takenAt: true, agentVersion: true, diskJson: true },
  });
  return rows.map((row) => ({ takenAt: row.takenAt.toISOString(), filesystems: diskReadings(row).disks ?? [] }));
}
