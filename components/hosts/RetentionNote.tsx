import type { RetentionPassNote } from "@/lib/analysis/retentionNote";
import { formatBytes, formatTime } from "@/components/format";

/** What retention keeps and what its last pass did (README "Retention"). */
export function RetentionNote({ note, policy, enabled }: { note: RetentionPassNote | null; policy: RetentionPassNote["policy"]; enabled: boolean }) {
  const rule = `Every snapshot is kept for ${policy.keepFullDays} days, then one per hour${
    policy.keepHourlyDays > policy.keepFullDays ? ` until ${policy.keepHourlyDays} days, then one per day` : ", then one per day"
  }; snapshots that runs or suggestions name, and each host's first and newest, always stay.`;
  return (
    <section className="panel" aria-label="Retention">
      <h2>Retention</h2>
      <p>{enabled ? rule : "Retention is off (BALLAST_RETENTION=off): every snapshot is kept and the database only grows."}</p>
      {note === null ? (
        <p className="muted">No retention pass has run yet (one runs at start, then hourly).</p>
      ) : (
        <p role="status" aria-label="Last retention pass">
          Last pass {formatTime(note.finishedAt)} ({(note.durationMs / 1000).toFixed(1)} s): {note.snapshotsRemoved.toLocaleString("en-US")} snapshots removed,{" "}
          {note.snapshotsLeft.toLocaleString("en-US")} kept. Database {formatBytes(note.fileBytesAfter)}
          {note.fileBytesBefore !== note.fileBytesAfter ? ` (was ${formatBytes(note.fileBytesBefore)})` : ""}.
          {note.autoVacuum !== "incremental" && note.freeBytes > 0
            ? ` ${formatBytes(note.freeBytes)} inside the file is free for new snapshots but not given back to the disk: stop Ballast and run npm run db:compact once.`
            : ""}
          {note.error ? ` The pass stopped early: ${note.error}` : ""}
        </p>
      )}
    </section>
  );
}
