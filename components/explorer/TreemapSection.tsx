"use client";
import Link from "next/link";
import { useMemo, useState } from "react";
import { LayerTreemap } from "@/components/charts/LayerTreemap";
import { QueryState } from "@/components/ui/QueryState";
import { formatBytes, formatMoney } from "@/components/format";
import { treemapChartData, treemapPath, viewIdAt, type TreemapDatum } from "@/lib/analysis/treemapZoom";
import { useTreemapQuery } from "@/lib/queries/useTreemapQuery";
import { LayerPanel } from "./LayerPanel";
import { Breadcrumbs, ZoomList } from "./TreemapControls";
import { TreemapLegend } from "./TreemapLegend";
import { imageHref, imageIdOfNode } from "./links";

type Clicked = TreemapDatum & { depth?: number; root?: { id?: string; zoomable?: boolean } };

/**
 * `viewId`: which server answer is loaded (null = the whole host, else a folded group's id);
 * `focusId`: the node drawn inside it (null = the answer's root). While a new answer loads, the
 * previous one stays drawn as it was (`whileLoading`), dimmed.
 */
type Zoom = { viewId: string | null; focusId: string | null };
type ZoomState = Zoom & { whileLoading?: Zoom; opening?: string };
const WHOLE_HOST: ZoomState = { viewId: null, focusId: null };

/** Zoomable treemap of the host's layers with breadcrumbs, legend and the picked layer's details. */
export function TreemapSection({ hostId, hostName, snapshotId }: { hostId: string; hostName: string; snapshotId: string }) {
  const [zoom, setZoom] = useState<ZoomState>(WHOLE_HOST);
  const query = useTreemapQuery(snapshotId, zoom.viewId);
  const [picked, setPicked] = useState<TreemapDatum | null>(null);
  const loading = query.isPlaceholderData;
  const shown = loading && zoom.whileLoading ? zoom.whileLoading : zoom;
  const view = query.data?.treemap;
  // The root crumb reads "<host>: all images" (the server names the root after the host).
  const path = useMemo(
    () =>
      view
        ? [...view.path, ...treemapPath(view.root, shown.focusId)].map((node, index) => (index === 0 ? { ...node, name: `${hostName}: all images` } : node))
        : [],
    [view, shown.focusId, hostName],
  );
  const focus = view ? treemapPath(view.root, shown.focusId).at(-1) : undefined;
  const data = useMemo(() => (focus ? treemapChartData(focus) : []), [focus]);
  const go = (next: Zoom, opening?: string) => {
    setZoom({ ...next, whileLoading: shown, opening });
    setPicked(null);
  };
  const pickCrumb = (index: number) => {
    const id = path[index].id;
    // Crumbs above the loaded answer's root live in an earlier answer (cached, so no wait).
    go(view && index < view.path.length ? { viewId: viewIdAt(path, index), focusId: id } : { viewId: shown.viewId, focusId: id });
  };
  const onSelect = (node: Clicked) => {
    // A click zooms one level: into the framed group the box belongs to, or into the box itself.
    if (node.depth === 2 && node.root?.id && node.root.zoomable) go({ viewId: shown.viewId, focusId: node.root.id });
    else if (node.folded) go({ viewId: node.id, focusId: null }, node.name);
    else if (node.zoomable) go({ viewId: shown.viewId, focusId: node.id });
    else if (node.layer) setPicked(node);
  };
  const focusImage = focus ? imageIdOfNode(focus.id) : null;
  const failedToOpen = query.error && zoom.viewId !== null;
  return (
    <section aria-label="Layer treemap">
      <h3>Where the image bytes are</h3>
      {failedToOpen && (
        <div className="error-box" role="alert">
          Could not open {zoom.opening ?? "this part of the treemap"}: {query.error.message}{" "}
          <button type="button" className="secondary small" onClick={() => go(WHOLE_HOST)}>
            Back to all images
          </button>
        </div>
      )}
      <QueryState
        isLoading={query.isLoading}
        error={failedToOpen ? null : query.error}
        data={query.data}
        isEmpty={!view || view.totalBytes === 0}
        empty={failedToOpen ? null : <p className="meta">No image layers on this host.</p>}
      >
        {view && focus && (
          <>
            <Breadcrumbs path={path} onPick={pickCrumb} />
            <p className="meta">
              {focus.name}: {formatBytes(focus.valueBytes)} · {formatMoney(focus.monthlyCost)}/month · {formatBytes(focus.sharedBytes)} in shared layers
              {focusImage && (
                <>
                  {" "}
                  · <Link href={imageHref(hostId, focusImage)}>Open image page</Link>
                </>
              )}
              {loading && query.isFetching && <span role="status"> · {zoom.opening ? `Opening ${zoom.opening}…` : "Loading…"}</span>}
            </p>
            <div aria-busy={loading} style={{ opacity: loading ? 0.5 : 1, transition: "opacity 150ms" }}>
              <LayerTreemap data={data} onSelect={onSelect} label={`Treemap of ${focus.name}`} />
            </div>
            <ZoomList data={data} onSelect={onSelect} />
            <TreemapLegend />
            {picked && <LayerPanel hostId={hostId} node={picked} />}
            <p className="meta">
              Each layer is drawn once, with its real size. A layer several images use is not repeated under each image: it sits under “shared within
              &lt;repository&gt;” or “shared across repositories”. Items under 0.5% of their parent, or beyond the 40 largest, are folded into “N smaller
              items”; click one to open it ({view.nodeCount} of {view.fullNodeCount} nodes drawn). Click a box to zoom in; click a layer for the images that use
              it.
            </p>
          </>
        )}
      </QueryState>
    </section>
  );
}
