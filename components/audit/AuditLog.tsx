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
  const adminActions = (audit.data?.entries ?? []).filter((entry) => entry.action !== "run_started" && entry.action !== "run_finished");
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
      {signedIn && adminActions.length > 0 && (
        <section className="panel" aria-label="Admin actions">
          <h2>Admin actions</h2>
          <table aria-label="Admin actions">
            <thead>
              <tr>
                <th>When</th>
                <th>Who</th>
                <th>What</th>
                <th>Details</th>
              </tr>
            </thead>
            <tbody>
              {adminActions.map((entry) => (
                <tr key={entry.id}>
                  <td>{formatTime(entry.at)}</td>
                  <td>{entry.actor}</td>
                  <td>{entry.action.replaceAll("_", " ")}</td>
                  <td>
                    <code>{JSON.stringify(entry.details)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
