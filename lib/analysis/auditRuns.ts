// Pairs the audit log's run_started and run_finished entries into one record per run, newest first.

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

export function auditRuns(entries: Entry[]): AuditRun[] {
  const finished = new Map(entries.filter((e) => e.action === "run_finished" && e.runId).map((e) => [e.runId as string, e]));
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
