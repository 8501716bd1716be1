import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { hostSnapshotSchema } from "@/lib/collect/schema";
import { buildLayerTreemap, countTreemapNodes, type TreemapNode } from "@/lib/analysis/treemap";
import {
  aggregateSmallChildren,
  focusTreemap,
  keptCount,
  parseFoldedGroupId,
  sortBySize,
  TREEMAP_NODE_ID,
  type AggregateOptions,
} from "@/lib/analysis/treemapFold";
import { focusedTreemapView, treemapView } from "@/lib/analysis/treemapView";
import { bigHostSnapshot } from "@/tests/support/bigHost";
import { buildSnapshot } from "@/tests/support/snapshotBuilder";

const PRICE = 0.04;
const options: AggregateOptions = { minFraction: 0.005, topK: 10, pricePerGbMonth: PRICE };

// 35 repositories of one image each, of similar size: the host keeps 10 and folds 25.
const snapshot = buildSnapshot({
  images: Array.from({ length: 35 }, (_, index) => ({
    name: `app${index}`,
    tags: [`team${index}/app:1`],
    layers: [
      { diff: `own${index}`, size: 1000 + index },
      { diff: `cfg${index}`, size: 10 },
    ],
  })),
});
const full = buildLayerTreemap(snapshot, PRICE);

const groupOf = (node: TreemapNode) => node.children.find((child) => child.kind === "aggregate");

function nodeIds(node: TreemapNode): string[] {
  return [node.id, ...node.children.flatMap(nodeIds)];
}

describe("focusTreemap", () => {
  it("opens an 'N smaller items' node: the next topK, then another group, with the same bytes", () => {
    const group = groupOf(aggregateSmallChildren(full, options))!;
    expect(group).toMatchObject({ id: "host/others@10", name: "25 smaller items", itemCount: 25 });
    const opened = focusTreemap(full, group.id, options)!;
    expect(opened.node).toMatchObject({ id: group.id, valueBytes: group.valueBytes, sharedBytes: group.sharedBytes, kind: "aggregate" });
    expect(opened.node.children).toHaveLength(11);
    expect(opened.node.children.reduce((sum, child) => sum + child.valueBytes, 0)).toBe(group.valueBytes);
    expect(groupOf(opened.node)).toMatchObject({ id: "host/others@20", name: "15 smaller items" });
    expect(opened.path).toEqual([{ id: "host", name: "test-host" }]);
    expect(opened.fullNodeCount).toBe(1 + 25 * 4);
  });

  it("reaches every folded repository by opening groups, each view bounded", () => {
    const seen = new Set<string>();
    let view = focusTreemap(full, "host", options)!;
    const crumbs: string[] = [];
    for (;;) {
      view.node.children.filter((child) => child.kind === "repository").forEach((child) => seen.add(child.name));
      expect(view.node.children.length).toBeLessThanOrEqual(options.topK + 1);
      expect(countTreemapNodes(view.node)).toBeLessThanOrEqual(1 + 11 + 11 ** 2 + 11 ** 3);
      const group = groupOf(view.node);
      if (!group) break;
      crumbs.push(group.id);
      view = focusTreemap(full, group.id, options)!;
      expect(view.path.map((crumb) => crumb.id)).toEqual(["host", ...crumbs.slice(0, -1)]);
    }
    expect(seen.size).toBe(35);
    // 10 + 10 + 10, then 5 left: the last group shows all five rather than folding them again.
    expect(crumbs).toEqual(["host/others@10", "host/others@20", "host/others@30"]);
  });

  it("focuses a normal node as its own folded subtree, with the groups above it in the path", () => {
    const smallest = sortBySize(full.children).at(-1)!;
    const focused = focusTreemap(full, smallest.id, options)!;
    expect(focused.node).toEqual(aggregateSmallChildren(smallest, options));
    expect(focused.path.map((crumb) => crumb.id)).toEqual(["host", "host/others@10", "host/others@20", "host/others@30"]);
    expect(focused.fullNodeCount).toBe(countTreemapNodes(smallest));
  });

  it("answers null for an unknown node, an offset no fold produces, or a group a node does not have", () => {
    expect(focusTreemap(full, "repo:nope", options)).toBeNull();
    expect(focusTreemap(full, "host/others@11", options)).toBeNull();
    expect(focusTreemap(full, "host/others@40", options)).toBeNull();
    expect(focusTreemap(full, `${full.children[0].id}/others@0`, options)).toBeNull();
  });

  it("keeps the largest topK when every child is under the threshold, so opening a group always shows something", () => {
    const equal = Array.from({ length: 300 }, (_, index) => ({ valueBytes: 1, id: `x${index}` }) as TreemapNode);
    expect(keptCount(equal, 300, options)).toBe(10);
    expect(keptCount(equal.slice(0, 11), 11, options)).toBe(11);
    expect(parseFoldedGroupId("repo:reg:5000/a/b/others@40")).toEqual({ parentId: "repo:reg:5000/a/b", offset: 40 });
    expect(parseFoldedGroupId("repo:a/others")).toBeNull();
  });
});

describe("focusedTreemapView on a 1,250-image host", () => {
  const big = bigHostSnapshot();
  const whole = treemapView(big, PRICE);

  it("opens the host's '86 smaller items': 40 more repositories and '46 smaller items', bytes kept", () => {
    const group = groupOf(whole.root as TreemapNode)!;
    expect(group.name).toBe("86 smaller items");
    const view = focusedTreemapView(big, PRICE, group.id)!;
    expect(view.root.valueBytes).toBe(group.valueBytes);
    expect(view.totalBytes).toBe(whole.totalBytes);
    expect(view.root.children.filter((child) => child.kind === "repository")).toHaveLength(40);
    expect(groupOf(view.root as TreemapNode)!.name).toBe("46 smaller items");
    expect(view.root.children.map((child) => child.name)).not.toContain(whole.root.children[0].name);
    expect(view.nodeCount).toBeLessThan(2000);
    expect(JSON.stringify(view).length).toBeLessThan(1_000_000);
    expect(view.path).toEqual([{ id: "host", name: big.engine.name }]);
    expect(focusedTreemapView(big, PRICE, "host/others@41")).toBeNull();
  });
});

describe("TREEMAP_NODE_ID", () => {
  it("accepts every id a tree holds, groups included, and nothing else", () => {
    const scene = hostSnapshotSchema.parse(JSON.parse(fs.readFileSync("tests/fixtures/scene-20.10.json", "utf8")));
    const ids = [...nodeIds(buildLayerTreemap(scene, PRICE)), ...nodeIds(aggregateSmallChildren(full, options)), "repo:<untagged>/others@40"];
    expect(ids.filter((id) => !TREEMAP_NODE_ID.test(id))).toEqual([]);
    for (const bad of ["", "nope", "repo:", "repo:a b", "repo:a/others@x", "host/others@12345678", "repo:a'--", "repo:%2e%2e"]) {
      expect(TREEMAP_NODE_ID.test(bad)).toBe(false);
    }
  });
});
