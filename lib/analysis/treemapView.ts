import type { HostSnapshot } from "@/lib/collect/schema";
import { readableCreatedBy, type ImageRef } from "@/lib/analysis/imageDetail";
import { layerUsage } from "@/lib/analysis/imageAccounting";
import { imageDisplayName } from "@/lib/analysis/sharingBars";
import { buildLayerTreemap, countTreemapNodes, type TreemapNode } from "@/lib/analysis/treemap";
import { focusTreemap, type TreemapCrumb } from "@/lib/analysis/treemapFold";

// The treemap the host explorer draws: the full layer tree, folded so that a 1,250-image host still
// yields a few hundred nodes, with layer names turned into readable Dockerfile steps. A focused view is
// one node's subtree folded the same way: how the browser opens an "N smaller items" box.

/** A treemap node as served: layer leaves also name the images that use them (the first few). */
export type ExplorerTreemapNode = Omit<TreemapNode, "children"> & { children: ExplorerTreemapNode[]; usedBy?: ImageRef[] };

export type TreemapView = {
  root: ExplorerTreemapNode;
  /** What lies above `root` as drawn (host first, folded groups included); empty for the whole host. */
  path: TreemapCrumb[];
  /** Nodes sent (after folding small items). */
  nodeCount: number;
  /** Nodes under `root` in the unfolded tree: what folding saved the browser from drawing. */
  fullNodeCount: number;
  /** Bytes of every layer a counted image uses, each once: equals the engine's LayersSize (whatever the focus). */
  totalBytes: number;
  pricePerGbMonth: number;
};

/** `hostName` names the root (the engine's own name otherwise). */
export type TreemapViewOptions = { minFraction?: number; topK?: number; hostName?: string };

// 40 children per node and nothing under 0.5% of its parent: more rectangles than that are unreadable
// at dashboard size, and the tree stays bounded by depth (host → repository → image → layer).
const DEFAULT_TOP_K = 40;
const DEFAULT_MIN_FRACTION = 0.005;

// A base layer of 1,250 images would otherwise carry 1,250 names; the count says how many there are.
const MAX_USED_BY = 12;

type UsedBy = (chainId: string) => ImageRef[];

function usedByLookup(snapshot: Pick<HostSnapshot, "images" | "layers">): UsedBy {
  const usage = layerUsage(snapshot);
  const names = new Map(snapshot.images.map((image) => [image.id, imageDisplayName(image)]));
  return (chainId) =>
    (usage.get(chainId)?.imageIds ?? [])
      .map((id) => ({ id, name: names.get(id) ?? id }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
      .slice(0, MAX_USED_BY);
}

/** Layer leaves get a readable Dockerfile step as their name and the images using them. */
function describeLayers(node: TreemapNode, usedBy: UsedBy): ExplorerTreemapNode {
  if (node.kind === "layer" && node.layer) {
    const step = readableCreatedBy(node.layer.createdBy);
    return { ...node, name: step || `layer ${node.layer.chainId.slice(7, 19)}`, usedBy: usedBy(node.layer.chainId) };
  }
  return { ...node, children: node.children.map((child) => describeLayers(child, usedBy)) };
}

/** The folded subtree rooted at node `focusId` (any node or "N smaller items" group); null if there is none. */
export function focusedTreemapView(
  snapshot: Pick<HostSnapshot, "images" | "layers" | "engine" | "layersSizeBytes">,
  pricePerGbMonth: number,
  focusId: string,
  options: TreemapViewOptions = {},
): TreemapView | null {
  const full = buildLayerTreemap(snapshot, pricePerGbMonth, options.hostName);
  const focus = focusTreemap(full, focusId, {
    minFraction: options.minFraction ?? DEFAULT_MIN_FRACTION,
    topK: options.topK ?? DEFAULT_TOP_K,
    pricePerGbMonth,
  });
  if (!focus) return null;
  const root = describeLayers(focus.node, usedByLookup(snapshot));
  return { root, path: focus.path, nodeCount: countTreemapNodes(focus.node), fullNodeCount: focus.fullNodeCount, totalBytes: full.valueBytes, pricePerGbMonth };
}

/** The whole host's folded tree. */
export function treemapView(
  snapshot: Pick<HostSnapshot, "images" | "layers" | "engine" | "layersSizeBytes">,
  pricePerGbMonth: number,
  options: TreemapViewOptions = {},
): TreemapView {
  // The root always exists, so there is always a view.
  return focusedTreemapView(snapshot, pricePerGbMonth, "host", options)!;
}
