"use client";
import Link from "next/link";
import { useMemo } from "react";
import { DataTable, type Column } from "@/components/tables/DataTable";
import { QueryState } from "@/components/ui/QueryState";
import { formatAge, formatBytes, formatExactBytes } from "@/components/format";
import type { ImageRow } from "@/lib/api/types";
import { useSnapshotImagesQuery } from "@/lib/queries/useSnapshotImagesQuery";
import { SharingBarsSection } from "./SharingBarsSection";
import { imageHref, shortId } from "./links";

const bytesCell = (bytes: number) => (
  <span title={formatExactBytes(bytes)} data-bytes={bytes}>
    {formatBytes(bytes)}
  </span>
);
const nameOf = (row: ImageRow) => row.tags[0] ?? `<none> ${shortId(row.id)}`;

function columns(hostId: string): Column<ImageRow>[] {
  return [
    {
      key: "name",
      header: "Image",
      width: "22%",
      sortValue: nameOf,
      filterText: (row) => `${row.tags.join(" ")} ${row.id} ${row.dangling ? "dangling" : ""}`,
      render: (row) => (
        <Link href={imageHref(hostId, row.id)} title={row.tags.join(", ")}>
          {nameOf(row)}
        </Link>
      ),
    },
    { key: "size", header: "Size", numeric: true, width: "10%", sortValue: (row) => row.sizeBytes, render: (row) => bytesCell(row.sizeBytes) },
    { key: "shared", header: "Shared", numeric: true, width: "10%", sortValue: (row) => row.sharedBytes, render: (row) => bytesCell(row.sharedBytes) },
    { key: "unique", header: "Unique", numeric: true, width: "10%", sortValue: (row) => row.uniqueBytes, render: (row) => bytesCell(row.uniqueBytes) },
    {
      key: "freed",
      header: "Freed if removed",
      numeric: true,
      width: "11%",
      sortValue: (row) => row.freedIfRemovedBytes,
      render: (row) => bytesCell(row.freedIfRemovedBytes),
    },
    {
      key: "fairShare",
      header: "Fair share",
      numeric: true,
      width: "11%",
      sortValue: (row) => row.fairShareBytes,
      render: (row) => bytesCell(row.fairShareBytes),
    },
    { key: "containers", header: "Containers", numeric: true, width: "8%", sortValue: (row) => row.containers },
    { key: "dangling", header: "Dangling", width: "7%", sortValue: (row) => (row.dangling ? "yes" : "no") },
    {
      key: "created",
      header: "Created",
      width: "12%",
      sortValue: (row) => row.createdAt,
      render: (row) => <span title={row.createdAt}>{formatAge(row.createdAt)}</span>,
    },
  ];
}

export function ImagesSection({ hostId, snapshotId }: { hostId: string; snapshotId: string }) {
  // Stable columns: DataTable re-sorts only when rows, sort or filter change, not on every scroll.
  const tableColumns = useMemo(() => columns(hostId), [hostId]);
  const query = useSnapshotImagesQuery(snapshotId);
  const rows = query.data?.images ?? [];
  const fairTotal = rows.reduce((sum, row) => sum + row.fairShareBytes, 0);
  const accounting = query.data?.accounting;
  return (
    <>
      <SharingBarsSection snapshotId={snapshotId} />
      <section aria-label="Images">
        <h3>Images</h3>
        <p className="meta">
          Size, Shared and Unique are the engine’s own figures, as <code>docker system df -v</code> prints them; Freed if removed and Fair share are Ballast’s,
          from layer chains.
        </p>
        {accounting?.note && (
          <p className="meta" data-testid="engine-difference-note">
            Why they differ here: {accounting.note}
          </p>
        )}
        {accounting && accounting.engineOnlyBytes > 0 && (
          <p className="meta" data-testid="engine-only-part" data-bytes={accounting.engineOnlyBytes}>
            {accounting.engineOnlyLabel}: {formatExactBytes(accounting.engineOnlyBytes)} the engine counts in its image bytes that no listed layer holds; drawn
            as its own part and shared out in the fair shares.
          </p>
        )}
        <p className="meta" data-testid="fair-share-total" data-bytes={fairTotal}>
          Fair share splits each shared layer’s bytes evenly among the images that use it, so the column adds up to the host’s image bytes exactly (
          {formatExactBytes(fairTotal)}).
        </p>
        <QueryState isLoading={query.isLoading} error={query.error} data={query.data}>
          <DataTable
            label="Images"
            rows={rows}
            columns={tableColumns}
            rowKey={(row) => row.id}
            initialSort={{ key: "size", direction: "desc" }}
            empty="No images."
          />
        </QueryState>
      </section>
    </>
  );
}
