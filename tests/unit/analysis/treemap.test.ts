import fs from "node:fs";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { imageLayerBytes } from "@/lib/analysis/imageAccounting";
import { monthlyCost } from "@/lib/analysis/cost";
import { hostSnapshotSchema } from "@/lib/collect/schema";
import { aggregateSmallChildren } from "@/lib/analysis/treemapFold";
import { buildLayerTreemap, countTreemapNodes, repositoryOfImage, repositoryOfTag, type TreemapNode } from "@/lib/analysis/treemap";
import { buildSnapshot, type ImageSpec } from "@/tests/support/snapshotBuilder";

const PRICE = 0.04;

function leaves(node: TreemapNode): TreemapNode[] {
  return node.children.length === 0 ? [node] : node.children.flatMap(leaves);
}

function find(node: TreemapNode, name: string): TreemapNode | undefined {
  if (node.name === name) return node;
  for (const child of node.children) {
    const found = find(child, name);
    if (found) return found;
  }
  return undefined;
}

function layerLeaves(node: TreemapNode): TreemapNode[] {
  return leaves(node).filter((leaf) => leaf.kind === "layer");
}

describe("repositoryOfTag", () => {
  it("drops the tag but keeps a registry port", () => {
    expect(repositoryOfTag("app:1")).toBe("app");
    expect(repositoryOfTag("host:5000/app:1")).toBe("host:5000/app");
    expect(repositoryOfTag("host:5000/team/app")).toBe("host:5000/team/app");
    expect(repositoryOfTag("app@sha256:abc")).toBe("app");
  });

  it("uses the first tag's repository, and <untagged> for images without a tag", () => {
    expect(repositoryOfImage({ tags: [] })).toBe("<untagged>");
    expect(repositoryOfImage({ tags: ["<none>:<none>"] })).toBe("<untagged>");
    expect(repositoryOfImage({ tags: ["zeta:1", "alpha:2"] })).toBe("zeta");
  });
});

describe("buildLayerTreemap", () => {
  const snapshot = buildSnapshot({
    images: [
      {
        name: "web1",
        tags: ["web:1"],
        layers: [
          { diff: "os", size: 1000 },
          { diff: "webbase", size: 200 },
          { diff: "w1", size: 10 },
        ],
      },
      {
        name: "web2",
        tags: ["web:2"],
        layers: [
          { diff: "os", size: 1000 },
          { diff: "webbase", size: 200 },
          { diff: "w2", size: 20 },
        ],
      },
      {
        name: "api",
        tags: ["reg:5000/api:1"],
        layers: [
          { diff: "os", size: 1000 },
          { diff: "a", size: 30 },
        ],
      },
      { name: "lonely", tags: [], layers: [{ diff: "x", size: 5 }] },
      { name: "mid", tags: [], intermediate: true, layers: [{ diff: "os", size: 1000 }] },
    ],
  });
  const tree = buildLayerTreemap(snapshot, PRICE);

  it("places a layer used across repositories once, under the host", () => {
    const across = tree.children.find((child) => child.kind === "sharedAcrossRepositories")!;
    expect(across.children.map((leaf) => leaf.valueBytes)).toEqual([1000]);
    expect(across.children[0].layer).toMatchObject({ shared: true, imageCount: 3, createdBy: "RUN make os" });
    expect(layerLeaves(tree).filter((leaf) => leaf.valueBytes === 1000)).toHaveLength(1);
  });

  it("places a layer shared within one repository under that repository", () => {
    const web = tree.children.find((child) => child.name === "web")!;
    const within = find(web, "shared within web")!;
    expect(within.kind).toBe("sharedWithinRepository");
    expect(within.children.map((leaf) => [leaf.valueBytes, leaf.layer?.imageCount])).toEqual([[200, 2]]);
    expect(web.valueBytes).toBe(230);
  });

  it("places a unique layer under its image, marked unique", () => {
    const image = find(tree, "web:2")!;
    expect(image.kind).toBe("image");
    expect(image.children.map((leaf) => [leaf.valueBytes, leaf.layer?.shared, leaf.layer?.imageCount])).toEqual([[20, false, 1]]);
  });

  it("groups by repository with registry ports and <untagged>, leaving intermediates out", () => {
    expect(tree.children.map((child) => child.name).sort()).toEqual(["<untagged>", "reg:5000/api", "shared across repositories", "web"]);
    const untagged = tree.children.find((child) => child.name === "<untagged>")!;
    expect(untagged.children).toHaveLength(1);
  });

  it("sums leaves to the host's image bytes and prices every node", () => {
    expect(tree.valueBytes).toBe(imageLayerBytes(snapshot));
    expect(tree.valueBytes).toBe(1000 + 200 + 10 + 20 + 30 + 5);
    expect(tree.sharedBytes).toBe(1200);
    expect(tree.monthlyCost).toBeCloseTo(monthlyCost(1265, PRICE), 12);
    expect(find(tree, "web:1")!.children[0].monthlyCost).toBeCloseTo(monthlyCost(10, PRICE), 12);
  });

  it("leaf totals equal imageLayerBytes and each layer appears once (property)", () => {
    const imageArb = fc.record({
      repo: fc.constantFrom("a", "b", "h:5000/c", null),
      base: fc.integer({ min: 0, max: 3 }),
      mid: fc.integer({ min: 0, max: 2 }),
      own: fc.integer({ min: 0, max: 99_999 }),
      intermediate: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(imageArb, { minLength: 1, maxLength: 15 }), (specs) => {
        const images: ImageSpec[] = specs.map((spec, index) => ({
          name: `img${index}`,
          tags: spec.repo === null ? [] : [`${spec.repo}:${index}`],
          intermediate: spec.intermediate,
          layers: [
            { diff: `base${spec.base}`, size: spec.base * 1_000_003 + 7 },
            { diff: `mid${spec.mid}`, size: spec.mid * 1009 },
            { diff: `own${index}`, size: spec.own },
          ],
        }));
        const snapshot = buildSnapshot({ images });
        const tree = buildLayerTreemap(snapshot, PRICE);
        const layers = layerLeaves(tree);
        expect(layers.reduce((sum, leaf) => sum + leaf.valueBytes, 0)).toBe(imageLayerBytes(snapshot));
        expect(tree.valueBytes).toBe(imageLayerBytes(snapshot));
        const chainIds = layers.map((leaf) => leaf.layer!.chainId);
        expect(new Set(chainIds).size).toBe(chainIds.length);
      }),
    );
  });
});

function bigSnapshot() {
  // 1,250 images over 25 repositories plus untagged; 5 bases, 50 mid layers, 3 own layers each: 3,805 layers.
  const images: ImageSpec[] = Array.from({ length: 1250 }, (_, index) => ({
    name: `img${index}`,
    tags: index % 10 === 0 ? [] : [`registry:5000/team${index % 25}/app:${index}`],
    layers: [
      { diff: `base${index % 5}`, size: 50_000_000 + (index % 5) },
      { diff: `mid${index % 50}`, size: 1_000_000 * (index % 7) },
      { diff: `own${index}`, size: 1000 + ((index * 7919) % 5_000_000) },
      { diff: `cfg${index}`, size: index % 3 },
      { diff: `doc${index}`, size: 4096 },
    ],
  }));
  return buildSnapshot({ images });
}

describe("aggregateSmallChildren", () => {
  it("folds small children into one 'N smaller items' node and keeps totals", () => {
    const snapshot = buildSnapshot({
      images: [
        { name: "big", tags: ["big:1"], layers: [{ diff: "b", size: 1000 }] },
        { name: "s1", tags: ["s1:1"], layers: [{ diff: "s1", size: 3 }] },
        { name: "s2", tags: ["s2:1"], layers: [{ diff: "s2", size: 2 }] },
        { name: "s3", tags: ["s3:1"], layers: [{ diff: "s3", size: 1 }] },
      ],
    });
    const tree = aggregateSmallChildren(buildLayerTreemap(snapshot, PRICE), { minFraction: 0.01, topK: 10, pricePerGbMonth: PRICE });
    expect(tree.children.map((child) => [child.name, child.valueBytes])).toEqual([
      ["big", 1000],
      ["3 smaller items", 6],
    ]);
    expect(tree.children[1]).toMatchObject({ kind: "aggregate", itemCount: 3 });
    expect(tree.valueBytes).toBe(1006);
  });

  it("never folds a single child on its own", () => {
    const snapshot = buildSnapshot({
      images: [
        { name: "big", tags: ["big:1"], layers: [{ diff: "b", size: 1000 }] },
        { name: "s1", tags: ["s1:1"], layers: [{ diff: "s1", size: 1 }] },
      ],
    });
    const tree = aggregateSmallChildren(buildLayerTreemap(snapshot, PRICE), { minFraction: 0.01, topK: 10, pricePerGbMonth: PRICE });
    expect(tree.children.map((child) => child.name)).toEqual(["big", "s1"]);
  });

  it("keeps a 1,250-image, 3,000+-layer host to a bounded tree with the same total", () => {
    const snapshot = bigSnapshot();
    expect(snapshot.images).toHaveLength(1250);
    expect(snapshot.layers.length).toBeGreaterThan(3000);
    const full = buildLayerTreemap(snapshot, PRICE);
    expect(layerLeaves(full)).toHaveLength(snapshot.layers.length);
    const topK = 10;
    const small = aggregateSmallChildren(full, { minFraction: 0.005, topK, pricePerGbMonth: PRICE });
    // Depth is at most four below the host, and each node keeps at most topK + 1 children.
    const bound = 1 + (topK + 1) + (topK + 1) ** 2 + (topK + 1) ** 3 + (topK + 1) ** 4;
    expect(countTreemapNodes(full)).toBeGreaterThan(5000);
    expect(countTreemapNodes(small)).toBeLessThanOrEqual(bound);
    expect(countTreemapNodes(small)).toBeLessThan(1500);
    expect(leaves(small).reduce((sum, leaf) => sum + leaf.valueBytes, 0)).toBe(imageLayerBytes(snapshot));
    expect(small.valueBytes).toBe(imageLayerBytes(snapshot));
  });
});

describe("buildLayerTreemap on the recorded scene (dockerd 20.10)", () => {
  it("adds up to the engine's LayersSize with every layer once", () => {
    const snapshot = hostSnapshotSchema.parse(JSON.parse(fs.readFileSync("tests/fixtures/scene-20.10.json", "utf8")));
    const tree = buildLayerTreemap(snapshot, PRICE);
    expect(tree.valueBytes).toBe(snapshot.layersSizeBytes);
    const chainIds = layerLeaves(tree).map((leaf) => leaf.layer!.chainId);
    expect(new Set(chainIds).size).toBe(chainIds.length);
    expect(tree.children.some((child) => child.kind === "sharedAcrossRepositories")).toBe(true);
  });
});
