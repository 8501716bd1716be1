// Pairs the audit log's run_started entry with the run's latest closing entry (run_finished, or
// run_interrupted / run_reconciled after a crash) into one record per run, newest first.

type Entry = { id: string; at: string; actor: string; action: string; runId: string | null; details: Record<string, unknown> };

export type AuditRun = {
  runId: string;
  approvedBy: string;
  approvedAt: string;
  hostName: string;
  title: string;
  status: string;
  expectedBytes: number;
  reclaimedBytes: number | null;
  results: { kind: string; targetId: string; name: string; outcome: string; reason: string | null; bytes: number }[];
};

const text = (value: unknown, fallback = "") => (typeof value === "string" ? value : fallback);
const bytes = (value: unknown) => (typeof value === "number" ? value : null);

const CLOSING = new Set(["run_finished", "run_interrupted", "run_reconciled"]);

export function auditRuns(entries: Entry[]): AuditRun[] {
  const finished = new Map<string, Entry>();
  for (const e of entries) {
    if (!e.runId || !CLOSING.has(e.action)) continue;
    const known = finished.get(e.runId);
    if (!known || e.at > known.at || (e.at === known.at && e.id > known.id)) finished.set(e.runId, e);
  }
  return entries
    .filter((e) => e.action === "run_started" && e.runId)
    .sort((a, b) => b.at.localeCompare(a.at))
    .map((started) => {
      const end = finished.get(started.runId as string);
      return {
        runId: started.runId as string,
        approvedBy: started.actor,
        approvedAt: started.at,
        hostName: text(started.details.hostName, text(started.details.hostId)),
        title: text(started.details.title, text(started.details.strategy)),
        status: end ? text(end.details.status, "unknown") : "running",
        expectedBytes: bytes(started.details.expectedBytes) ?? 0,
        reclaimedBytes: end ? bytes(end.details.reclaimedBytes) : null,
        results: end && Array.isArray(end.details.results) ? (end.details.results as AuditRun["results"]) : [],
      };
    });
}
