"use client";
import { useEffect, useRef } from "react";
import { formatBytes, formatExactBytes, formatMoney } from "@/components/format";
import type { RunBody, SuggestionBody } from "@/lib/api/actionsSchema";
import { useApproveMutation } from "@/lib/queries/useApproveMutation";
import { RunResults } from "./RunResults";
import { TargetList } from "./TargetList";
import styles from "./savings.module.css";

/**
 * The dry run: exactly the stored list that runs, then the run's outcome. A native modal <dialog>: the
 * page behind is inert (focus stays inside), Escape closes it (not while deleting), and focus returns
 * to the button that opened it.
 */
export function ApproveDialog({ suggestion, hostName, onClose }: { suggestion: SuggestionBody; hostName: string; onClose: () => void }) {
  const approve = useApproveMutation();
  const run: RunBody | undefined = approve.data?.run;
  const count = suggestion.targets.length;
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (dialog?.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={styles.dialog}
      aria-labelledby="approve-title"
      onCancel={(event) => {
        event.preventDefault();
        if (!approve.isPending) onClose();
      }}
    >
      <div>
        <h2 id="approve-title">
          {suggestion.title} on {hostName}
        </h2>
        {!run && (
          <>
            <p>
              Ballast will delete exactly {count === 1 ? "this target" : `these ${count} targets`}, freeing{" "}
              <strong title={formatExactBytes(suggestion.bytes)}>{formatBytes(suggestion.bytes)}</strong> ({formatMoney(suggestion.monthlyCost)}/month). Right
              before each delete it re-checks the target on the host and skips anything that became used or protected; it never forces.
            </p>
            <TargetList targets={suggestion.targets} label="Targets to delete" />
          </>
        )}
        {run && <RunResults run={run} />}
        {approve.error && (
          <div className="error-box" role="alert">
            {approve.error.message}
          </div>
        )}
        <div className={styles.actions}>
          <button type="button" className="secondary" onClick={onClose}>
            {run ? "Close" : "Cancel"}
          </button>
          {!run && (
            <button
              type="button"
              className={styles.danger}
              disabled={approve.isPending || Boolean(approve.error)}
              onClick={() => approve.mutate(suggestion.id)}
            >
              {approve.isPending ? "Deleting…" : `Delete ${count} ${count === 1 ? "target" : "targets"}`}
            </button>
          )}
        </div>
      </div>
    </dialog>
  );
}
