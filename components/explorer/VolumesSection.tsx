"use client";
import { DataTable, type Column } from "@/components/tables/DataTable";
import { QueryState } from "@/components/ui/QueryState";
import { formatBytes, formatExactBytes, formatMoney, formatTime } from "@/components/format";
import type { VolumeRow } from "@/lib/api/explorerTypes";
import { useVolumesQuery } from "@/lib/queries/useVolumesQuery";

function lastUse(row: VolumeRow): string {
  if (row.inUseNow && row.lastUsedBy) return `${row.lastUsedBy.containerName} (now)`;
  if (row.lastUsedBy) return `${row.lastUsedBy.containerName} (${row.lastUsedBy.image}), seen ${formatTime(row.lastUsedBy.seenAt)}`;
  return "never seen";
}

const COLUMNS: Column<VolumeRow>[] = [
  { key: "name", header: "Volume", width: "26%", sortValue: (row) => row.name, render: (row) => <span title={row.name}>{row.name}</span> },
  { key: "kind", header: "Kind", width: "10%", sortValue: (row) => (row.anonymous ? "anonymous" : "named") },
  {
    key: "size",
    header: "Size",
    numeric: true,
    width: "10%",
    sortValue: (row) => row.sizeBytes,
    render: (row) => (
      <span title={formatExactBytes(row.sizeBytes)} data-bytes={row.sizeBytes ?? ""}>
        {formatBytes(row.sizeBytes)}
      </span>
    ),
  },
  { key: "cost", header: "$/month", numeric: true, width: "9%", sortValue: (row) => row.monthlyCost, render: (row) => formatMoney(row.monthlyCost) },
  { key: "refs", header: "Ref count", numeric: true, width: "9%", sortValue: (row) => row.refCount },
  {
    key: "lastUsedBy",
    header: "Last used by",
    width: "36%",
    sortValue: (row) => row.lastUsedBy?.seenAt ?? null,
    filterText: lastUse,
    render: (row) => <span title={lastUse(row)}>{lastUse(row)}</span>,
  },
];

export function VolumesSection({ snapshotId }: { snapshotId: string }) {
  const query = useVolumesQuery(snapshotId);
  const rows = query.data?.volumes ?? [];
  return (
    <section aria-label="Volumes">
      <h3>Volumes</h3>
      <p className="meta">
        Ref count is the containers (any state) that mount it now. “Last used by” comes from Ballast’s snapshot history
        {query.data ? ` (the last ${query.data.historySnapshots} snapshots)` : ""}: Docker forgets a container once it is removed.
      </p>
      <QueryState isLoading={query.isLoading} error={query.error} data={query.data}>
        <DataTable
          label="Volumes"
          rows={rows}
          columns={COLUMNS}
          rowKey={(row) => row.name}
          initialSort={{ key: "size", direction: "desc" }}
          empty="No volumes."
        />
      </QueryState>
    </section>
  );
}
