"use client";
import Link from "next/link";
import { useMemo } from "react";
import { DataTable, type Column } from "@/components/tables/DataTable";
import { QueryState } from "@/components/ui/QueryState";
import { formatAge, formatBytes, formatExactBytes, formatMoney } from "@/components/format";
import type { ContainerRow } from "@/lib/api/explorerTypes";
import { useContainersQuery } from "@/lib/queries/useContainersQuery";
import { imageHref } from "./links";

function columns(hostId: string): Column<ContainerRow>[] {
  return [
    { key: "name", header: "Container", width: "18%", sortValue: (row) => row.name },
    {
      key: "state",
      header: "State",
      width: "10%",
      sortValue: (row) => row.state,
      filterText: (row) => `${row.state} ${row.status}`,
      render: (row) => <span title={row.status}>{row.state}</span>,
    },
    {
      key: "image",
      header: "Image",
      width: "20%",
      sortValue: (row) => row.imageName ?? row.image,
      render: (row) => (row.imageName ? <Link href={imageHref(hostId, row.imageId)}>{row.imageName}</Link> : row.image),
    },
    {
      key: "writable",
      header: "Writable layer",
      numeric: true,
      width: "14%",
      sortValue: (row) => row.writableBytes,
      render: (row) => (
        <span title={formatExactBytes(row.writableBytes)} data-bytes={row.writableBytes}>
          {formatBytes(row.writableBytes)}
        </span>
      ),
    },
    {
      key: "logs",
      header: "Logs",
      numeric: true,
      width: "12%",
      sortValue: (row) => row.logBytes ?? -1,
      render: (row) =>
        row.logBytes === null ? (
          <span className="meta" title="Log files are measured by the Ballast host agent">
            not measured
          </span>
        ) : (
          <span
            title={`${formatExactBytes(row.logBytes)} of ${row.logDriver ?? "json-file"} log files${row.unboundedLogs ? ", no max-size: grows without limit" : ""}`}
            data-bytes={row.logBytes}
          >
            {formatBytes(row.logBytes)}
            {row.unboundedLogs ? " ⚠" : ""}
          </span>
        ),
    },
    { key: "cost", header: "$/month", numeric: true, width: "10%", sortValue: (row) => row.monthlyCost, render: (row) => formatMoney(row.monthlyCost) },
    {
      key: "age",
      header: "Created",
      width: "14%",
      sortValue: (row) => row.createdAt,
      render: (row) => <span title={row.createdAt}>{formatAge(row.createdAt)}</span>,
    },
  ];
}

export function ContainersSection({ hostId, snapshotId }: { hostId: string; snapshotId: string }) {
  // Stable columns: DataTable re-sorts only when rows, sort or filter change, not on every scroll.
  const tableColumns = useMemo(() => columns(hostId), [hostId]);
  const query = useContainersQuery(snapshotId);
  const rows = query.data?.containers ?? [];
  return (
    <section aria-label="Containers">
      <h3>Containers: writable layers and logs</h3>
      <p className="meta">
        A writable layer holds what a container wrote outside its volumes; it goes when the container is removed, and so do its log files (measured by the host
        agent).
      </p>
      <QueryState isLoading={query.isLoading} error={query.error} data={query.data}>
        <DataTable
          label="Containers"
          rows={rows}
          columns={tableColumns}
          rowKey={(row) => row.id}
          initialSort={{ key: "writable", direction: "desc" }}
          empty="No containers."
        />
      </QueryState>
    </section>
  );
}
