import "server-only";
import type { RetentionPassNote } from "@/lib/analysis/retentionNote";
import { getSetting, setSetting } from "./settings";
import { parseJson } from "./snapshotMapper";

// What the last retention pass did, for the admin's note on the hosts page (a Setting row, one per
// database: the newest pass replaces it; passes that removed something are also in the audit log).

const KEY = "retention.lastPass";

export async function getRetentionNote(): Promise<RetentionPassNote | null> {
  const raw = await getSetting(KEY);
  return raw ? parseJson<RetentionPassNote | null>(raw, null) : null;
}

export async function saveRetentionNote(note: RetentionPassNote): Promise<void> {
  await setSetting(KEY, JSON.stringify(note));
}
