"use client";
import Link from "next/link";
import { useMemo, useState } from "react";
import { LayerTreemap } from "@/components/charts/LayerTreemap";
import { QueryState } from "@/components/ui/QueryState";
import { formatBytes, formatMoney } from "@/components/format";
import { treemapChartData, treemapPath, type TreemapDatum } from "@/lib/analysis/treemapZoom";
import { useTreemapQuery } from "@/lib/queries/useTreemapQuery";
import { LayerPanel } from "./LayerPanel";
import { TreemapLegend } from "./TreemapLegend";
import { imageHref, imageIdOfNode } from "./links";

type Clicked = TreemapDatum & { depth?: number; root?: { id?: string; zoomable?: boolean } };

function Breadcrumbs({ path, onPick }: { path: { id: string; name: string }[]; onPick: (id: string) => void }) {
  return (
    <nav className="breadcrumbs" aria-label="Treemap path">
      {path.map((node, index) => (
        <span key={node.id}>
          {index > 0 && " › "}
          {index === path.length - 1 ? <strong aria-current="location">{node.name}</strong> : <button type="button" onClick={() => onPick(node.id)}>{node.name}</button>}
        </span>
      ))}
    </nav>
  );
}

/** Zoomable treemap of the host's layers with breadcrumbs, legend and the picked layer's details. */
export function TreemapSection({ hostId, hostName, snapshotId }: { hostId: string; hostName: string; snapshotId: string }) {
  const query = useTreemapQuery(snapshotId);
  const [focusId, setFocusId] = useState<string | null>(null);
  const [picked, setPicked] = useState<TreemapDatum | null>(null);
  const view = query.data?.treemap;
  // The root is named after the engine; the page calls the host by its Ballast name.
  const path = useMemo(() => (view ? treemapPath(view.root, focusId).map((node, index) => (index === 0 ? { ...node, name: `${hostName}: all images` } : node)) : []), [view, focusId, hostName]);
  const focus = path[path.length - 1];
  const data = useMemo(() => (focus ? treemapChartData(focus) : []), [focus]);
  const zoom = (id: string) => {
    setFocusId(id);
    setPicked(null);
  };
  const onSelect = (node: Clicked) => {
    // A click zooms one level: into the framed group the box belongs to, or into the box itself.
    if (node.depth === 2 && node.root?.id && node.root.zoomable) zoom(node.root.id);
    else if (node.zoomable) zoom(node.id);
    else if (node.layer) setPicked(node);
  };
  const focusImage = focus ? imageIdOfNode(focus.id) : null;
  return (
    <section aria-label="Layer treemap">
      <h3>Where the image bytes are</h3>
      <QueryState isLoading={query.isLoading} error={query.error} isEmpty={!view || view.totalBytes === 0} empty={<p className="meta">No image layers on this host.</p>}>
        {view && focus && (
          <>
            <Breadcrumbs path={path} onPick={zoom} />
            <p className="meta">
              {focus.name}: {formatBytes(focus.valueBytes)} · {formatMoney(focus.monthlyCost)}/month · {formatBytes(focus.sharedBytes)} in shared layers
              {focusImage && (
                <>
                  {" "}· <Link href={imageHref(hostId, focusImage)}>Open image page</Link>
                </>
              )}
            </p>
            <LayerTreemap data={data} onSelect={onSelect} label={`Treemap of ${focus.name}`} />
            <ZoomList data={data} onSelect={onSelect} />
            <TreemapLegend />
            {picked && <LayerPanel hostId={hostId} node={picked} />}
            <p className="meta">
              Each layer is drawn once, with its real size. A layer several images use is not repeated under each image: it sits under
              “shared within &lt;repository&gt;” or “shared across repositories”. Items under 0.5% of their parent, or beyond the 40 largest, are
              folded into “N smaller items” ({view.nodeCount} of {view.fullNodeCount} nodes drawn). Click a box to zoom in; click a layer for the
              images that use it.
            </p>
          </>
        )}
      </QueryState>
    </section>
  );
}

/** The same boxes as buttons: keyboard users and tests can zoom without aiming at SVG. */
function ZoomList({ data, onSelect }: { data: TreemapDatum[]; onSelect: (node: TreemapDatum) => void }) {
  const shown = data.filter((node) => node.zoomable || node.layer).slice(0, 16);
  if (shown.length === 0) return null;
  return (
    <div className="tag-list" aria-label="Zoom into">
      {shown.map((node) => (
        <button key={node.id} type="button" className="secondary small" onClick={() => onSelect(node)}>
          {node.name.length > 48 ? `${node.name.slice(0, 47)}…` : node.name} ({formatBytes(node.value)})
        </button>
      ))}
    </div>
  );
}
