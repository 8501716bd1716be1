"use client";
import type { TreemapDatum } from "@/lib/analysis/treemapZoom";
import { formatBytes, formatExactBytes, formatMoney } from "@/components/format";

type TooltipProps = { active?: boolean; payload?: readonly { payload?: unknown }[] };

function LayerLines({ node }: { node: TreemapDatum }) {
  const layer = node.layer!;
  const others = layer.imageCount - (node.usedBy?.length ?? 0);
  return (
    <>
      <div>{layer.shared ? `Shared by ${layer.imageCount} images` : "Unique to one image"}</div>
      {node.usedBy && node.usedBy.length > 0 && (
        <div className="meta">
          Used by {node.usedBy.map((image) => image.name).join(", ")}
          {others > 0 ? ` and ${others} more` : ""}
        </div>
      )}
      <div className="meta">
        Layer <code>{layer.chainId.slice(7, 19)}</code>
      </div>
    </>
  );
}

/** Bytes, $/month, the step that made a layer and how many images share it. */
export function TreemapTooltip({ active, payload }: TooltipProps) {
  const node = payload?.[0]?.payload as TreemapDatum | undefined;
  if (!active || !node || !node.id) return null;
  return (
    <div className="chart-tooltip">
      <strong>{node.kind === "layer" ? <code>{node.name}</code> : node.name}</strong>
      <div>
        {formatBytes(node.value)} ({formatExactBytes(node.value)}) · {formatMoney(node.monthlyCost)}/month
      </div>
      {node.layer ? <LayerLines node={node} /> : <div className="meta">{formatBytes(node.sharedBytes)} in shared layers</div>}
      {node.folded ? <div className="meta">Click to open these {node.itemCount} items</div> : node.zoomable && <div className="meta">Click to zoom in</div>}
    </div>
  );
}
