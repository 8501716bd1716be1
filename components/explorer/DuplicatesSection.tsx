"use client";
import Link from "next/link";
import { useMemo } from "react";
import { DataTable, type Column } from "@/components/tables/DataTable";
import { QueryState } from "@/components/ui/QueryState";
import { formatBytes, formatMoney } from "@/components/format";
import type { DuplicateRow } from "@/lib/api/explorerTypes";
import { useDuplicatesQuery } from "@/lib/queries/useDuplicatesQuery";
import { imageHref, shortId } from "./links";

function columns(hostId: string): Column<DuplicateRow>[] {
  return [
    { key: "step", header: "Step", width: "27%", sortValue: (row) => row.step, render: (row) => <code title={row.step ?? ""}>{row.step ?? "—"}</code> },
    { key: "diff", header: "Diff ID", width: "12%", sortValue: (row) => row.diffId, render: (row) => <code>{shortId(row.diffId)}</code> },
    { key: "copies", header: "Copies", numeric: true, width: "8%", sortValue: (row) => row.copies },
    { key: "size", header: "Size each", numeric: true, width: "10%", sortValue: (row) => row.sizeBytes, render: (row) => formatBytes(row.sizeBytes) },
    { key: "wasted", header: "Costs extra", numeric: true, width: "10%", sortValue: (row) => row.wastedBytes, render: (row) => formatBytes(row.wastedBytes) },
    { key: "cost", header: "$/month", numeric: true, width: "13%", sortValue: (row) => row.monthlyCost, render: (row) => formatMoney(row.monthlyCost) },
    {
      key: "images",
      header: "Images (one chain each)",
      width: "20%",
      sortValue: (row) => row.chains.flatMap((chain) => chain.images.map((image) => image.name)).join(", "),
      render: (row) => (
        <span className="tag-list" title={row.chains.flatMap((chain) => chain.images.map((image) => image.name)).join(", ")}>
          {row.chains
            .flatMap((chain) => chain.images.slice(0, 2))
            .map((image) => (
              <Link key={image.id} href={imageHref(hostId, image.id)}>
                {image.name}
              </Link>
            ))}
        </span>
      ),
    },
  ];
}

/** The same diff stored on more than one chain: each extra copy is bytes on disk for nothing. */
export function DuplicatesSection({ hostId, snapshotId }: { hostId: string; snapshotId: string }) {
  // Stable columns: DataTable re-sorts only when rows, sort or filter change, not on every scroll.
  const tableColumns = useMemo(() => columns(hostId), [hostId]);
  const query = useDuplicatesQuery(snapshotId);
  const duplicates = query.data?.duplicates;
  return (
    <section aria-label="The same content stored twice">
      <h3>The same content stored twice</h3>
      <p className="meta">
        Docker stores a layer per chain (the layer and everything below it), so the same COPY or RUN result on two different bases is kept twice.
        {duplicates && ` Extra copies cost ${formatBytes(duplicates.totalWastedBytes)} here.`}
      </p>
      <QueryState
        isLoading={query.isLoading}
        error={query.error}
        data={query.data}
        isEmpty={duplicates?.diffs.length === 0}
        empty={<p className="meta">No layer content is stored twice.</p>}
      >
        {duplicates && (
          <DataTable
            label="Duplicate layers"
            rows={duplicates.diffs}
            columns={tableColumns}
            rowKey={(row) => row.diffId}
            initialSort={{ key: "wasted", direction: "desc" }}
            maxHeight={260}
          />
        )}
      </QueryState>
    </section>
  );
}
