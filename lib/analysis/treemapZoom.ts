import type { TreemapLayerInfo, TreemapNodeKind } from "@/lib/analysis/treemap";
import type { ExplorerTreemapNode as TreemapNode } from "@/lib/analysis/treemapView";
import type { ImageRef } from "@/lib/analysis/imageDetail";

// Zooming the treemap: the path from the root to the focused node (for breadcrumbs) and the two levels
// below it that the chart draws. Drawing two levels, not the whole tree, keeps the rectangle count
// at most topK² whatever the host's size.

export type TreemapDatum = {
  id: string;
  name: string;
  kind: TreemapNodeKind;
  value: number;
  sharedBytes: number;
  monthlyCost: number;
  layer?: TreemapLayerInfo;
  usedBy?: ImageRef[];
  itemCount?: number;
  /** The node has children of its own: clicking it zooms in. */
  zoomable: boolean;
  children?: TreemapDatum[];
};

/** Root first, the node with `id` last; just the root when no node has that id. */
export function treemapPath(root: TreemapNode, id: string | null): TreemapNode[] {
  if (id === null || root.id === id) return [root];
  for (const child of root.children) {
    const below = treemapPath(child, id);
    if (below[below.length - 1].id === id) return [root, ...below];
  }
  return [root];
}

function toDatum(node: TreemapNode, levels: number): TreemapDatum {
  const datum: TreemapDatum = {
    id: node.id,
    name: node.name,
    kind: node.kind,
    value: node.valueBytes,
    sharedBytes: node.sharedBytes,
    monthlyCost: node.monthlyCost,
    zoomable: node.children.some((child) => child.valueBytes > 0),
  };
  if (node.layer) datum.layer = node.layer;
  if (node.usedBy) datum.usedBy = node.usedBy;
  if (node.itemCount !== undefined) datum.itemCount = node.itemCount;
  // Zero-byte nodes (metadata-only layers) have no area; leaving them out keeps the layout clean.
  const children = node.children.filter((child) => child.valueBytes > 0);
  if (levels > 1 && children.length > 0) datum.children = children.map((child) => toDatum(child, levels - 1));
  return datum;
}

/** The children of `node`, each with its own children: what the chart draws when `node` is in focus. */
export function treemapChartData(node: TreemapNode, levels = 2): TreemapDatum[] {
  return node.children.filter((child) => child.valueBytes > 0).map((child) => toDatum(child, levels));
}

/** Share of a node's bytes in shared layers, 0..1 (0 for an empty node). */
export function sharedFraction(node: { value: number; sharedBytes: number }): number {
  return node.value > 0 ? Math.min(1, node.sharedBytes / node.value) : 0;
}
