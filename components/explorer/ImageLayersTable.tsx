"use client";
import Link from "next/link";
import { useMemo, useState } from "react";
import { DataTable, type Column } from "@/components/tables/DataTable";
import { formatBytes, formatExactBytes } from "@/components/format";
import type { ImageDetail } from "@/lib/api/explorerTypes";
import { imageHref, shortId } from "./links";

type LayerRow = ImageDetail["layers"][number];

function columns(hostId: string, onPick: (row: LayerRow) => void): Column<LayerRow>[] {
  return [
    { key: "index", header: "#", numeric: true, width: "5%", sortValue: (row) => row.index },
    {
      key: "step",
      header: "Dockerfile step",
      width: "40%",
      sortValue: (row) => row.step,
      render: (row) => (
        <button type="button" className="link-button" title={row.createdBy ?? ""} onClick={() => onPick(row)}>
          <code>{row.step ?? "(no history)"}</code>
        </button>
      ),
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
    {
      key: "layer",
      header: "Layer",
      width: "11%",
      sortValue: (row) => row.chainId,
      filterText: (row) => `${row.chainId} ${row.diffId ?? ""}`,
      render: (row) => <code title={`chain ${row.chainId}\ndiff ${row.diffId ?? "?"}`}>{shortId(row.chainId)}</code>,
    },
    {
      key: "sharedWith",
      header: "Shared with",
      width: "34%",
      sortValue: (row) => row.sharedWith.length,
      filterText: (row) => row.sharedWith.map((image) => image.name).join(" "),
      render: (row) =>
        row.sharedWith.length === 0 ? (
          <span className="meta">only this image</span>
        ) : (
          <span className="tag-list" title={row.sharedWith.map((image) => image.name).join(", ")}>
            {row.sharedWith.slice(0, 2).map((image) => (
              <Link key={image.id} href={imageHref(hostId, image.id)}>
                {image.name}
              </Link>
            ))}
            {row.sharedWith.length > 2 && <span className="meta">+{row.sharedWith.length - 2} more</span>}
          </span>
        ),
    },
  ];
}

// The table cell shows two sharing images; the panel under it lists every one (up to a hundred).
const PANEL_LIMIT = 100;

function LayerSharing({ hostId, layer }: { hostId: string; layer: LayerRow }) {
  return (
    <section className="info-box" aria-label="Layer sharing">
      <div>
        Layer {layer.index}: <code>{layer.step ?? "(no history)"}</code> · {formatBytes(layer.sizeBytes)}
      </div>
      <div className="tag-list">
        {layer.sharedWith.length === 0 ? "No other image uses this layer." : `Shared with ${layer.sharedWith.length} other images:`}
        {layer.sharedWith.slice(0, PANEL_LIMIT).map((image) => (
          <Link key={image.id} href={imageHref(hostId, image.id)}>
            {image.name}
          </Link>
        ))}
        {layer.sharedWith.length > PANEL_LIMIT && <span className="meta">and {layer.sharedWith.length - PANEL_LIMIT} more</span>}
      </div>
    </section>
  );
}

/** An image's layers base first: the step that made each, its size and the other images that share it. */
export function ImageLayersTable({ hostId, image }: { hostId: string; image: ImageDetail }) {
  const [picked, setPicked] = useState<LayerRow | null>(null);
  // Stable columns: DataTable re-sorts only when rows, sort or filter change, not on every scroll.
  const tableColumns = useMemo(() => columns(hostId, setPicked), [hostId]);
  return (
    <>
      <DataTable label="Layers" rows={image.layers} columns={tableColumns} rowKey={(row) => row.chainId} initialSort={{ key: "index", direction: "asc" }} />
      {picked && <LayerSharing hostId={hostId} layer={picked} />}
      <p className="meta">Click a step for every image that shares its layer.</p>
    </>
  );
}
