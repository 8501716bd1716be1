"use client";
import { formatBytes, formatMoney } from "@/components/format";
import type { SuggestionBody } from "@/lib/api/actionsSchema";
import type { SavingsRow } from "@/lib/analysis/savingsRows";
import { logRotationSnippets } from "@/lib/analysis/strategies/logRotation";
import { TargetList } from "./TargetList";
import styles from "./savings.module.css";

type Props = { row: SavingsRow; hostName: (id: string) => string; canApprove: boolean; onApprove: (s: SuggestionBody) => void };

function ApproveControl({ suggestion, canApprove, onApprove }: { suggestion: SuggestionBody; canApprove: boolean; onApprove: (s: SuggestionBody) => void }) {
  if (!suggestion.actionable) return <span className={styles.advice}>Advice: Ballast does not run this</span>;
  if (suggestion.runId) return <span className={styles.advice}>Approved · see the audit log</span>;
  if (suggestion.status !== "open") return <span className={styles.advice}>Replaced by a newer snapshot</span>;
  if (!canApprove) return <span className={styles.advice}>Needs an approver or admin</span>;
  return (
    <button type="button" onClick={() => onApprove(suggestion)}>
      Approve
    </button>
  );
}

/** A strategy's suggestion on each host: why, the assumption behind an estimate, the targets, Approve. */
export function StrategyDetail({ row, hostName, canApprove, onApprove }: Props) {
  return (
    <>
      {Object.values(row.byHost).map((suggestion) => (
        <section key={suggestion.id} className={styles.hostBlock} aria-label={`${row.title} on ${hostName(suggestion.hostId)}`}>
          <div className={styles.hostHead}>
            <h3>{hostName(suggestion.hostId)}</h3>
            <span className="meta">
              {formatBytes(suggestion.bytes)} · {formatMoney(suggestion.monthlyCost)}/month · {suggestion.risk} risk
            </span>
            <span className={styles.spacer} />
            <ApproveControl suggestion={suggestion as SuggestionBody} canApprove={canApprove} onApprove={onApprove} />
          </div>
          <p>{suggestion.reason}</p>
          {suggestion.assumption && <p className={styles.assumption}>Assumption: {suggestion.assumption}</p>}
          {suggestion.strategy === "log_rotation" && <LogRotationSnippets />}
          <TargetList targets={suggestion.targets} label={`Targets of ${row.title} on ${hostName(suggestion.hostId)}`} />
        </section>
      ))}
    </>
  );
}

/** What to configure, exactly: daemon.json for new containers, or a compose service's `logging:`. */
function LogRotationSnippets() {
  const snippets = logRotationSnippets();
  return (
    <div className="grid-2" aria-label="Log rotation configuration">
      <div>
        <p className="meta">
          <code>/etc/docker/daemon.json</code> (restart dockerd; applies to containers created afterwards)
        </p>
        <pre>{snippets.daemonJson}</pre>
      </div>
      <div>
        <p className="meta">
          <code>compose.yaml</code>, per service (then <code>docker compose up -d</code> re-creates it)
        </p>
        <pre>{snippets.compose}</pre>
      </div>
    </div>
  );
}
