import type { TreemapLayerInfo, TreemapNodeKind } from "@/lib/analysis/treemap";
import type { ExplorerTreemapNode as TreemapNode } from "@/lib/analysis/treemapView";
import type { ImageRef } from "@/lib/analysis/imageDetail";
import { parseFoldedGroupId } from "@/lib/analysis/treemapFold";

// Zooming the treemap: the path from the root to the focused node (for breadcrumbs) and the two levels
// below it that the chart draws. Drawing two levels, not the whole tree, keeps the rectangle count
// at most topK² whatever the host's size. An "N smaller items" box arrives without its members: opening
// it asks the server for that group (`?focus=`), and the breadcrumbs then span both answers.

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
  /** The node has children of its own, or is a folded group: clicking it zooms in. */
  zoomable: boolean;
  /** An "N smaller items" box whose members were not sent: zooming in asks the server for them. */
  folded: boolean;
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
    folded: node.kind === "aggregate" && node.children.length === 0 && node.valueBytes > 0,
  };
  if (datum.folded) datum.zoomable = true;
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

/**
 * Which server answer holds the crumb at `index` of a breadcrumb path: the nearest folded group at or
 * above it (a group's answer holds everything it folded), or the whole host's (null).
 */
export function viewIdAt(path: { id: string }[], index: number): string | null {
  for (let at = Math.min(index, path.length - 1); at > 0; at -= 1) if (parseFoldedGroupId(path[at].id)) return path[at].id;
  return null;
}

/** Share of a node's bytes in shared layers, 0..1 (0 for an empty node). */
export function sharedFraction(node: { value: number; sharedBytes: number }): number {
  return node.value > 0 ? Math.min(1, node.sharedBytes / node.value) : 0;
}
