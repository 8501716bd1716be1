"use client";
import { useState } from "react";
import { SignInPanel } from "@/components/auth/SignInPanel";
import { QueryState } from "@/components/ui/QueryState";
import type { SuggestionBody } from "@/lib/api/actionsSchema";
import { savingsRows } from "@/lib/analysis/savingsRows";
import { useHostsQuery } from "@/lib/queries/useHostsQuery";
import { usePermissions } from "@/lib/queries/useSessionQuery";
import { useSuggestionsQuery } from "@/lib/queries/useSuggestionsQuery";
import { ApproveDialog } from "./ApproveDialog";
import { SavingsTable } from "./SavingsTable";

export function SavingsPage() {
  const suggestions = useSuggestionsQuery();
  const hosts = useHostsQuery();
  const permissions = usePermissions();
  const [approving, setApproving] = useState<SuggestionBody | null>(null);
  const [hostFilter, setHostFilter] = useState("");
  const all = suggestions.data?.suggestions ?? [];
  const hostList = (hosts.data?.hosts ?? []).filter((host) => all.some((s) => s.hostId === host.id));
  const list = hostFilter ? all.filter((s) => s.hostId === hostFilter) : all;
  const canApprove = permissions.has("approve");
  return (
    <>
      <h1>Savings</h1>
      <p className="meta">
        Each strategy&apos;s bytes come from the host&apos;s latest snapshot; a strategy&apos;s bytes are what it frees on its own (two strategies can free the
        same layer, so rows do not add up within a host). Thresholds: BALLAST_UNUSED_IMAGE_DAYS, BALLAST_BUILD_CACHE_DAYS, BALLAST_INCLUDE_NAMED_VOLUMES.
      </p>
      <SignInPanel purpose="Approving a cleanup needs a signed-in approver or admin." />
      <div className="panel">
        <label className="host-filter">
          Host
          <select value={hostFilter} onChange={(e) => setHostFilter(e.target.value)}>
            <option value="">All hosts ({hostList.length})</option>
            {hostList.map((host) => (
              <option key={host.id} value={host.id}>
                {host.name}
              </option>
            ))}
          </select>
        </label>
        <QueryState
          isLoading={(suggestions.isLoading || hosts.isLoading) && !suggestions.data}
          error={suggestions.error}
          data={suggestions.data}
          isEmpty={list.length === 0}
          empty={<p className="meta">Nothing to suggest: no host has a snapshot with waste yet.</p>}
        >
          <SavingsTable rows={savingsRows(list)} hosts={hostList} canApprove={canApprove} onApprove={setApproving} />
        </QueryState>
      </div>
      {approving && (
        <ApproveDialog
          suggestion={approving}
          hostName={hostList.find((h) => h.id === approving.hostId)?.name ?? approving.hostId}
          onClose={() => setApproving(null)}
        />
      )}
    </>
  );
}
