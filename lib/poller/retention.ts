import "server-only";
import type { RetentionPolicy } from "@/lib/analysis/snapshotRetention";
import { config } from "@/lib/config";
import { appendAudit } from "@/lib/store/audit";
import { databaseSpace, reclaimFreePages } from "@/lib/store/databaseSpace";
import { countAllSnapshots } from "@/lib/store/snapshotCounts";
import { runRetentionPass, type RetentionPassOptions } from "@/lib/store/retentionPass";
import type { RetentionPassNote } from "@/lib/analysis/retentionNote";
import { saveRetentionNote } from "@/lib/store/retentionStatus";
import { db } from "@/lib/store/db";
import { snapshotViews } from "@/lib/store/snapshotViewCache";
import { changingSnapshotKeys } from "@/lib/store/snapshotViewKey";
import { runStoreTask, workersEnabled } from "@/lib/worker/storeWorker";
import { systemClock, type Clock } from "./clock";

// Retention runs with the poller: once at start, then hourly (issue 12 item 6). One pass at a time per
// process; each pass thins snapshots (lib/store/retentionPass.ts), gives the freed pages back to the
// file system, and leaves a note for the hosts page and, when it removed something, an audit entry.

export const RETENTION_EVERY_MS = 3_600_000;

const state = globalThis as unknown as { ballastRetention?: { stop: () => void; running: Promise<RetentionPassNote> | null } };

export function retentionPolicy(): RetentionPolicy {
  const settings = config();
  return { keepFullDays: settings.BALLAST_KEEP_FULL_DAYS, keepHourlyDays: settings.BALLAST_KEEP_HOURLY_DAYS };
}

/** One whole pass: thin, reclaim, record. Failures are recorded in the note, never thrown. */
export async function runRetention(options: Partial<RetentionPassOptions> & { clock?: Clock } = {}): Promise<RetentionPassNote> {
  const clock = options.clock ?? systemClock;
  const started = clock.now();
  const policy = options.policy ?? retentionPolicy();
  const before = await databaseSpace();
  let result = { snapshotsRemoved: 0, partsHandedOver: 0 };
  let error: string | null = null;
  try {
    result = await runRetentionPass({ ...options, now: options.now ?? new Date(started), policy });
    if (result.snapshotsRemoved > 0) await reclaimFreePages({ pause: options.pause });
  } catch (caught) {
    // A pass that failed half-way left whole transactions only; the next pass goes on from there.
    error = caught instanceof Error ? caught.message.split("\n")[0] : String(caught);
  }
  const after = await databaseSpace();
  const note: RetentionPassNote = {
    finishedAt: new Date(clock.now()).toISOString(),
    durationMs: clock.now() - started,
    snapshotsRemoved: result.snapshotsRemoved,
    partsHandedOver: result.partsHandedOver,
    snapshotsLeft: await countAllSnapshots(),
    fileBytesBefore: before.fileBytes,
    fileBytesAfter: after.fileBytes,
    freeBytes: after.freeBytes,
    autoVacuum: after.autoVacuum,
    policy,
    error,
  };
  await saveRetentionNote(note);
  if (note.snapshotsRemoved > 0) await appendAudit({ actor: "ballast", action: "retention_pass", runId: null, details: { ...note } });
  return note;
}

/**
 * The scheduled pass: in the store worker (issue 14 item 4: a pass over a fleet's month is minutes of
 * work; there it never holds the server's event loop, and its writes come from the connection that
 * stores polls), or here with BALLAST_WORKERS=off. Views this thread cached of removed snapshots go.
 */
export async function scheduledPass(): Promise<RetentionPassNote> {
  // Cached views' snapshot keys are not used while the pass may delete snapshots, and forgotten after it.
  if (!workersEnabled()) return runRetention();
  const note = await changingSnapshotKeys(() => runStoreTask("retention", null));
  if (note.snapshotsRemoved > 0) for (const { id } of await db().host.findMany({ select: { id: true } })) snapshotViews().forgetHost(id);
  return note;
}

/** Starts the hourly pass (and one now); a pass still running when the next is due is not doubled. */
export function startRetention(): void {
  if (state.ballastRetention || config().BALLAST_RETENTION === "off") return;
  const entry: { stop: () => void; running: Promise<RetentionPassNote> | null } = { stop: () => {}, running: null };
  const tick = () => {
    if (entry.running) return;
    entry.running = scheduledPass()
      .catch((error) => {
        console.error("[ballast] retention failed:", error instanceof Error ? error.message : error);
        return null as never;
      })
      .finally(() => {
        entry.running = null;
      });
  };
  tick();
  const timer = setInterval(tick, RETENTION_EVERY_MS);
  timer.unref?.();
  entry.stop = () => clearInterval(timer);
  state.ballastRetention = entry;
}
