import "server-only";
import { getSetting, setSetting } from "./settings";
import { parseJson } from "./snapshotMapper";

// What the last retention pass did, for the admin's note on the hosts page (a Setting row, one per
// database: the newest pass replaces it; passes that removed something are also in the audit log).

export type RetentionPassNote = {
  finishedAt: string;
  durationMs: number;
  snapshotsRemoved: number;
  partsHandedOver: number;
  snapshotsLeft: number;
  fileBytesBefore: number;
  fileBytesAfter: number;
  /** Pages inside the file free for reuse but not returned (auto_vacuum off on an older database). */
  freeBytes: number;
  autoVacuum: "none" | "full" | "incremental";
  policy: { keepFullDays: number; keepHourlyDays: number };
  error: string | null;
};

const KEY = "retention.lastPass";

export async function getRetentionNote(): Promise<RetentionPassNote | null> {
  const raw = await getSetting(KEY);
  return raw ? parseJson<RetentionPassNote | null>(raw, null) : null;
}

export async function saveRetentionNote(note: RetentionPassNote): Promise<void> {
  await setSetting(KEY, JSON.stringify(note));
}
