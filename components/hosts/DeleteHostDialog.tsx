"use client";
import type { HostSummary } from "@/lib/api/types";
import { useDeleteHostMutation } from "@/lib/queries/useHostMutations";

/** The confirmation before a host goes: how many snapshots are deleted, and what stays. */
export function DeleteHostDialog({ host, onDone, onCancel }: { host: HostSummary; onDone: (message: string) => void; onCancel: () => void }) {
  const remove = useDeleteHostMutation();
  const count = host.snapshotCount;
  return (
    <div className="panel dialog" role="alertdialog" aria-label={`Delete ${host.name}`}>
      <h2>Delete {host.name}?</h2>
      <p>
        This deletes <strong>{count === 1 ? "1 snapshot" : `${count} snapshots`}</strong> of {host.name} and its open suggestions. Its cleanup runs and audit
        entries stay, with the host&apos;s id and name. Nothing on the host itself changes.
      </p>
      <div className="actions">
        <button
          className="danger"
          disabled={remove.isPending}
          onClick={() => remove.mutate(host.id, { onSuccess: (r) => onDone(`${host.name} deleted with ${r.deleted.snapshots} snapshots.`) })}
        >
          {remove.isPending ? "Deleting…" : `Delete ${host.name} and ${count} snapshots`}
        </button>
        <button className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {remove.error && (
        <div className="error-box" role="alert">
          {remove.error.message}
        </div>
      )}
    </div>
  );
}
