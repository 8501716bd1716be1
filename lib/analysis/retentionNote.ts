// What the last retention pass did (written by lib/poller/retention.ts, shown on the hosts page).

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
