"use client";
import { SignInPanel } from "@/components/auth/SignInPanel";
import { formatTime } from "@/components/format";
import { RunResults } from "@/components/savings/RunResults";
import { QueryState } from "@/components/ui/QueryState";
import { auditRuns } from "@/lib/analysis/auditRuns";
import { useAuditQuery } from "@/lib/queries/useAuditQuery";
import { useSessionQuery } from "@/lib/queries/useSessionQuery";

/** Every approved run: who approved it and when, each target's outcome, bytes expected vs reclaimed. */
export function AuditLog() {
  const session = useSessionQuery();
  const signedIn = Boolean(session.data?.user);
  const audit = useAuditQuery(signedIn);
  const runs = auditRuns(audit.data?.entries ?? []);
  return (
    <>
      <h1>Audit log</h1>
      <p className="meta">Append-only: the database refuses to change or delete an entry.</p>
      <SignInPanel purpose="The audit log names who approved what, so it needs a signed-in person." />
      {signedIn && (
        <QueryState
          isLoading={audit.isLoading}
          error={audit.error}
          data={audit.data}
          isEmpty={runs.length === 0}
          empty={<p className="meta">No cleanup has run yet.</p>}
        >
          {runs.map((run) => (
            <article key={run.runId} className="panel" aria-label={`Run ${run.runId}`}>
              <h2>
                {run.title} on {run.hostName}
              </h2>
              <p className="meta">
                Approved by <strong>{run.approvedBy}</strong> on {formatTime(run.approvedAt)}
              </p>
              <RunResults run={{ ...run, results: run.results.map((r) => ({ ...r, id: r.targetId })) }} />
            </article>
          ))}
        </QueryState>
      )}
    </>
  );
}
