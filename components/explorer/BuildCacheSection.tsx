"use client";
import { DataTable, type Column } from "@/components/tables/DataTable";
import { QueryState } from "@/components/ui/QueryState";
import { formatAge, formatBytes, formatExactBytes } from "@/components/format";
import type { BuildCacheRow } from "@/lib/api/explorerTypes";
import { useBuildCacheQuery } from "@/lib/queries/useBuildCacheQuery";

const yesNo = (value: boolean) => (value ? "yes" : "no");

const COLUMNS: Column<BuildCacheRow>[] = [
  { key: "id", header: "Record", width: "14%", sortValue: (row) => row.id, render: (row) => <code title={row.id}>{row.id.slice(0, 12)}</code> },
  { key: "type", header: "Type", width: "10%", sortValue: (row) => row.type },
  {
    key: "description",
    header: "Description",
    width: "30%",
    sortValue: (row) => row.description,
    render: (row) => <span title={row.description}>{row.description || "—"}</span>,
  },
  {
    key: "size",
    header: "Size",
    numeric: true,
    width: "10%",
    sortValue: (row) => row.sizeBytes,
    render: (row) => (
      <span title={formatExactBytes(row.sizeBytes)} data-bytes={row.sizeBytes}>
        {formatBytes(row.sizeBytes)}
      </span>
    ),
  },
  { key: "inUse", header: "In use", width: "8%", sortValue: (row) => yesNo(row.inUse) },
  { key: "shared", header: "Shared", width: "8%", sortValue: (row) => yesNo(row.shared) },
  {
    key: "lastUsed",
    header: "Last used",
    width: "12%",
    sortValue: (row) => row.lastUsedAt,
    render: (row) => (row.lastUsedAt ? <span title={row.lastUsedAt}>{formatAge(row.lastUsedAt)}</span> : "never"),
  },
  { key: "uses", header: "Uses", numeric: true, width: "8%", sortValue: (row) => row.usageCount },
];

export function BuildCacheSection({ snapshotId }: { snapshotId: string }) {
  const query = useBuildCacheQuery(snapshotId);
  const view = query.data?.buildCache;
  return (
    <section aria-label="Build cache">
      <h3>Build cache</h3>
      {view && (
        <p className="meta" data-testid="build-cache-summary" data-bytes={view.privateBytes}>
          Private records hold {formatBytes(view.privateBytes)} ({formatBytes(view.unusedPrivateBytes)} not in use). Shared records are also image layers, so
          their bytes are counted with images, not here.
        </p>
      )}
      <QueryState isLoading={query.isLoading} error={query.error} data={query.data}>
        <DataTable
          label="Build cache records"
          rows={view?.records ?? []}
          columns={COLUMNS}
          rowKey={(row) => row.id}
          initialSort={{ key: "size", direction: "desc" }}
          empty="No build cache."
        />
      </QueryState>
    </section>
  );
}
