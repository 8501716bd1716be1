import { countTreemapNodes, type TreemapNode } from "@/lib/analysis/treemap";
import { monthlyCost } from "@/lib/analysis/cost";

// Folding the treemap so a 1,250-image host stays drawable, and opening one folded group later:
// an "N smaller items" node's id names its parent and the rank its members start at
// (`repo:web/others@40`), so the server can rebuild exactly that group from the full tree on request,
// and the browser never needs the members' ids.

export type AggregateOptions = {
  /** Children smaller than this fraction of their parent are folded (e.g. 0.01 = under 1%). */
  minFraction: number;
  /** At most this many children are kept per node, largest first; the rest are folded. */
  topK: number;
  pricePerGbMonth: number;
};

/** Id of the "N smaller items" node holding `parentId`'s children from rank `offset` on (largest first). */
export function foldedGroupId(parentId: string, offset: number): string {
  // "@" never occurs in a repository name (a digest reference loses it), so this cannot clash with a node.
  return `${parentId}/others@${offset}`;
}

/** The parent id and offset inside a folded group's id, or null for any other id. */
export function parseFoldedGroupId(id: string): { parentId: string; offset: number } | null {
  const match = /^(.+)\/others@(\d{1,7})$/.exec(id);
  return match ? { parentId: match[1], offset: Number(match[2]) } : null;
}

/** An "N smaller items" node standing for `members` (its children are left for the caller to fill). */
export function foldedGroupNode(members: TreemapNode[], parentId: string, offset: number, price: number): TreemapNode {
  const valueBytes = members.reduce((sum, child) => sum + child.valueBytes, 0);
  return {
    id: foldedGroupId(parentId, offset),
    name: `${members.length} smaller items`,
    kind: "aggregate",
    valueBytes,
    sharedBytes: members.reduce((sum, child) => sum + child.sharedBytes, 0),
    monthlyCost: monthlyCost(valueBytes, price),
    children: [],
    itemCount: members.length,
  };
}

/** Largest first, ties by id: the order folding and the chart use, so a group's offset means the same rank everywhere. */
export function sortBySize(children: TreemapNode[]): TreemapNode[] {
  return [...children].sort((a, b) => b.valueBytes - a.valueBytes || a.id.localeCompare(b.id));
}

/**
 * How many of `sorted` (largest first) stay visible under a node of `totalBytes`: the largest `topK`
 * that reach `minFraction` of it. A single child is never folded on its own (an "1 smaller items" node
 * would hide it for nothing), and when every child is under the threshold the largest `topK` stay
 * anyway (a fold holding everything would hide them for nothing, and opening it must show something).
 */
export function keptCount(sorted: TreemapNode[], totalBytes: number, options: AggregateOptions): number {
  const threshold = totalBytes * options.minFraction;
  let kept = 0;
  while (kept < sorted.length && kept < options.topK && sorted[kept].valueBytes >= threshold) kept += 1;
  if (kept === 0) kept = Math.min(options.topK, sorted.length);
  return sorted.length - kept === 1 ? sorted.length : kept;
}

/**
 * Folded children of a node whose children, largest first, are `sorted[offset…]`: the kept ones (each
 * folded in turn) and, if any are left, one "N smaller items" node named after `parentId` and the rank
 * where its members start, so a later request can open exactly that group.
 */
export function foldChildren(parentId: string, sorted: TreemapNode[], offset: number, options: AggregateOptions): TreemapNode[] {
  const members = sorted.slice(offset);
  const total = members.reduce((sum, child) => sum + child.valueBytes, 0);
  const kept = keptCount(members, total, options);
  const children = members.slice(0, kept).map((child) => aggregateSmallChildren(child, options));
  if (kept < members.length) children.push(foldedGroupNode(members.slice(kept), parentId, offset + kept, options.pricePerGbMonth));
  return children;
}

/**
 * A copy of the tree where, at every node, children below `minFraction` of the node or beyond the
 * largest `topK` are folded into one "N smaller items" node. Values are preserved at every level, and
 * each node keeps at most `topK + 1` children, so the tree size is bounded by the depth alone.
 */
export function aggregateSmallChildren(node: TreemapNode, options: AggregateOptions): TreemapNode {
  return { ...node, children: foldChildren(node.id, sortBySize(node.children), 0, options) };
}

// Node ids as treemap.ts builds them: `host`, `host/shared`, `repo:<repository>`, then `/shared`,
// `/image:sha256:…` or `/layer:sha256:…`; a folded group adds `/others@<rank>` last. Repository names
// are Docker references (letters, digits, `._-/:`) or `<untagged>`, so "@" marks the group alone and
// the pattern matches in linear time. The longest id is well under 512 characters.
export const TREEMAP_NODE_ID = /^(host|repo:[\w.:<>-])[\w.:/<>-]*(\/others@\d{1,7})?$/;
export const MAX_TREEMAP_NODE_ID_LENGTH = 512;

export type TreemapCrumb = { id: string; name: string };

export type TreemapFocus = {
  /** The focused node, folded like the whole tree is. */
  node: TreemapNode;
  /** What lies above it as drawn: root first, folded groups included, the node itself left out. */
  path: TreemapCrumb[];
  /** Nodes in the focused subtree before folding. */
  fullNodeCount: number;
};

type Group = { offset: number; members: TreemapNode[] };

/** The nested "N smaller items" groups under a node, outermost first, and its children largest first. */
function foldedGroups(node: TreemapNode, options: AggregateOptions): { sorted: TreemapNode[]; groups: Group[] } {
  const sorted = sortBySize(node.children);
  const groups: Group[] = [];
  for (let offset = 0; ;) {
    const members = sorted.slice(offset);
    const kept = keptCount(
      members,
      members.reduce((sum, child) => sum + child.valueBytes, 0),
      options,
    );
    if (kept >= members.length) return { sorted, groups };
    offset += kept;
    groups.push({ offset, members: sorted.slice(offset) });
  }
}

/** Root first, the node with `id` last, through the unfolded tree; null when no node has that id. */
function fullPathTo(node: TreemapNode, id: string): TreemapNode[] | null {
  if (node.id === id) return [node];
  for (const child of node.children) {
    const below = fullPathTo(child, id);
    if (below) return [node, ...below];
  }
  return null;
}

const crumb = (node: { id: string; name: string }): TreemapCrumb => ({ id: node.id, name: node.name });
const groupCrumb = (parent: TreemapNode, group: Group): TreemapCrumb => ({
  id: foldedGroupId(parent.id, group.offset),
  name: `${group.members.length} smaller items`,
});

/** The path as drawn: between a parent and a child it folded away, the groups one opens to reach it. */
function drawnPath(fullPath: TreemapNode[], options: AggregateOptions): TreemapCrumb[] {
  return fullPath.flatMap((node, index) => {
    if (index === 0) return [crumb(node)];
    const parent = fullPath[index - 1];
    const { sorted, groups } = foldedGroups(parent, options);
    const rank = sorted.indexOf(node);
    return [...groups.filter((group) => group.offset <= rank).map((group) => groupCrumb(parent, group)), crumb(node)];
  });
}

/**
 * The subtree rooted at node `id` of the full tree, folded as `aggregateSmallChildren` folds the whole
 * tree, with the path to it. For an "N smaller items" id it is that group, its members folded again
 * (the next `topK`, then another "N smaller items"), so every folded node can be opened. Null when the
 * tree has no such node or group.
 */
export function focusTreemap(full: TreemapNode, id: string, options: AggregateOptions): TreemapFocus | null {
  const group = parseFoldedGroupId(id);
  const fullPath = fullPathTo(full, group ? group.parentId : id);
  if (!fullPath) return null;
  const path = drawnPath(fullPath, options);
  const owner = fullPath[fullPath.length - 1];
  if (!group) return { node: aggregateSmallChildren(owner, options), path: path.slice(0, -1), fullNodeCount: countTreemapNodes(owner) };
  const { sorted, groups } = foldedGroups(owner, options);
  const target = groups.find((candidate) => candidate.offset === group.offset);
  if (!target) return null;
  const node = foldedGroupNode(target.members, owner.id, target.offset, options.pricePerGbMonth);
  return {
    node: { ...node, children: foldChildren(owner.id, sorted, target.offset, options) },
    path: [...path, ...groups.filter((outer) => outer.offset < target.offset).map((outer) => groupCrumb(owner, outer))],
    fullNodeCount: target.members.reduce((sum, member) => sum + countTreemapNodes(member), 1),
  };
}
