import type { HostSnapshot, Image } from "@/lib/collect/schema";
import { countedImages, engineOnlyBytes, layerUsage, type LayerUse } from "@/lib/analysis/imageAccounting";
import { engineOnlyLabel } from "@/lib/analysis/engineAccounting";
import { monthlyCost } from "@/lib/analysis/cost";

// Treemap tree for one host: host → repository → image → layer. A layer used by several images is placed
// once, at the lowest common ancestor of its images, so the leaves add up to the host's image bytes
// instead of counting a shared base once per image; what the engine counts beyond the listed layers
// (content blobs on the containerd store) is one more leaf at the host.

export const UNTAGGED_REPOSITORY = "<untagged>";

export type TreemapNodeKind =
  | "host"
  | "repository"
  | "sharedWithinRepository"
  | "sharedAcrossRepositories"
  | "image"
  | "layer"
  /** What the engine counts in its image bytes that no listed layer holds (content blobs on the containerd store). */
  | "engineOnly"
  | "aggregate";

export type TreemapLayerInfo = {
  chainId: string;
  diffId: string;
  /** Used by more than one counted image. */
  shared: boolean;
  /** How many counted images use the layer. */
  imageCount: number;
  /** History `CreatedBy` as recorded; null where history is missing. */
  createdBy: string | null;
};

export type TreemapNode = {
  /** Unique within the tree (a path), usable as a React key. */
  id: string;
  name: string;
  kind: TreemapNodeKind;
  valueBytes: number;
  /** Bytes of shared layers below this node, so aggregates and parents can be coloured too. */
  sharedBytes: number;
  monthlyCost: number;
  children: TreemapNode[];
  /** Only on `layer` leaves. */
  layer?: TreemapLayerInfo;
  /** Only on `aggregate` nodes: how many siblings were folded into it. */
  itemCount?: number;
};

/**
 * Repository part of a tag: everything before the last `:` that comes after the last `/`, so a registry
 * port survives (`host:5000/app:1` → `host:5000/app`). A digest reference (`app@sha256:…`) drops the digest.
 */
export function repositoryOfTag(tag: string): string {
  const withoutDigest = tag.split("@")[0];
  const colon = withoutDigest.lastIndexOf(":");
  return colon > withoutDigest.lastIndexOf("/") ? withoutDigest.slice(0, colon) : withoutDigest;
}

/**
 * One repository per image: its first tag's (as `attribution.ts` groups by repository, so the treemap
 * and cost reports agree), `<untagged>` if it has none.
 */
export function repositoryOfImage(image: Pick<Image, "tags">): string {
  const tag = image.tags.find((candidate) => candidate !== "<none>:<none>");
  return tag === undefined ? UNTAGGED_REPOSITORY : repositoryOfTag(tag);
}

function makeNode(id: string, name: string, kind: TreemapNodeKind, price: number): TreemapNode {
  return { id, name, kind, valueBytes: 0, sharedBytes: 0, monthlyCost: monthlyCost(0, price), children: [] };
}

/** Sets value, shared bytes and cost of every inner node from its children, and sorts children by size. */
function finish(node: TreemapNode, price: number): TreemapNode {
  if (node.kind !== "layer" && node.kind !== "engineOnly") {
    node.children.forEach((child) => finish(child, price));
    node.children.sort((a, b) => b.valueBytes - a.valueBytes || a.id.localeCompare(b.id));
    node.valueBytes = node.children.reduce((sum, child) => sum + child.valueBytes, 0);
    node.sharedBytes = node.children.reduce((sum, child) => sum + child.sharedBytes, 0);
  }
  node.monthlyCost = monthlyCost(node.valueBytes, price);
  return node;
}

function layerLeaf(use: LayerUse, parentId: string, price: number): TreemapNode {
  const { layer, imageIds } = use;
  const shared = imageIds.length > 1;
  return {
    id: `${parentId}/layer:${layer.chainId}`,
    name: layer.createdBy ?? layer.chainId,
    kind: "layer",
    valueBytes: layer.sizeBytes,
    sharedBytes: shared ? layer.sizeBytes : 0,
    monthlyCost: monthlyCost(layer.sizeBytes, price),
    children: [],
    layer: { chainId: layer.chainId, diffId: layer.diffId, shared, imageCount: imageIds.length, createdBy: layer.createdBy },
  };
}

type TreeIndex = {
  host: TreemapNode;
  repositories: Map<string, TreemapNode>;
  images: Map<string, TreemapNode>;
  repositoryByImage: Map<string, string>;
  price: number;
};

function childOf(parent: TreemapNode, id: string, name: string, kind: TreemapNodeKind, price: number): TreemapNode {
  const existing = parent.children.find((child) => child.id === id);
  if (existing) return existing;
  const node = makeNode(id, name, kind, price);
  parent.children.push(node);
  return node;
}

/** The lowest common ancestor of the images using a layer: the image, its repository, or the host. */
function parentForLayer(use: LayerUse, index: TreeIndex): TreemapNode {
  if (use.imageIds.length === 1) return index.images.get(use.imageIds[0])!;
  const repositories = new Set(use.imageIds.map((id) => index.repositoryByImage.get(id)!));
  if (repositories.size === 1) {
    const repository = index.repositories.get([...repositories][0])!;
    return childOf(repository, `${repository.id}/shared`, `shared within ${repository.name}`, "sharedWithinRepository", index.price);
  }
  return childOf(index.host, "host/shared", "shared across repositories", "sharedAcrossRepositories", index.price);
}

function indexImages(snapshot: Pick<HostSnapshot, "images" | "engine">, price: number, rootName: string): TreeIndex {
  const host = makeNode("host", rootName, "host", price);
  const index: TreeIndex = { host, repositories: new Map(), images: new Map(), repositoryByImage: new Map(), price };
  for (const image of countedImages(snapshot.images)) {
    const repositoryName = repositoryOfImage(image);
    let repository = index.repositories.get(repositoryName);
    if (!repository) {
      repository = childOf(host, `repo:${repositoryName}`, repositoryName, "repository", price);
      index.repositories.set(repositoryName, repository);
    }
    const name = image.tags.find((tag) => repositoryOfTag(tag) === repositoryName) ?? image.id.slice(7, 19);
    const imageNode = makeNode(`${repository.id}/image:${image.id}`, name, "image", price);
    repository.children.push(imageNode);
    index.images.set(image.id, imageNode);
    index.repositoryByImage.set(image.id, repositoryName);
  }
  return index;
}

/**
 * The full treemap tree of a snapshot's counted images. Every layer used by a counted image appears
 * exactly once, and the engine-only part beside them, so the leaves add up to the engine's LayersSize.
 * `pricePerGbMonth` prices each node.
 */
export function buildLayerTreemap(
  snapshot: Pick<HostSnapshot, "images" | "layers" | "engine" | "layersSizeBytes">,
  pricePerGbMonth: number,
  // The page calls a host by its Ballast name; the engine's own name ("vm") is only a fallback.
  rootName: string = snapshot.engine.name,
): TreemapNode {
  const index = indexImages(snapshot, pricePerGbMonth, rootName);
  const uses = [...layerUsage(snapshot).values()].filter((use) => use.imageIds.length > 0);
  for (const use of uses) {
    const parent = parentForLayer(use, index);
    parent.children.push(layerLeaf(use, parent.id, pricePerGbMonth));
  }
  // Drawn once, at the host: the tree then adds up to the engine's image bytes, as the fleet card does.
  const extra = engineOnlyBytes(snapshot);
  if (extra > 0) {
    const node = makeNode("host/engine-only", engineOnlyLabel(snapshot.engine), "engineOnly", pricePerGbMonth);
    node.valueBytes = extra;
    index.host.children.push(node);
  }
  return finish(index.host, pricePerGbMonth);
}

/** Number of nodes in a tree, the root included. */
export function countTreemapNodes(node: TreemapNode): number {
  return node.children.reduce((sum, child) => sum + countTreemapNodes(child), 1);
}
