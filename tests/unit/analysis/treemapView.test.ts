import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { hostSnapshotSchema } from "@/lib/collect/schema";
import { imageLayerBytes } from "@/lib/analysis/imageAccounting";
import { treemapView, type ExplorerTreemapNode } from "@/lib/analysis/treemapView";
import { treemapChartData, treemapPath } from "@/lib/analysis/treemapZoom";
import { bigHostSnapshot } from "@/tests/support/bigHost";

const scene = hostSnapshotSchema.parse(JSON.parse(fs.readFileSync("tests/fixtures/scene-20.10.json", "utf8")));

function layerLeaves(node: ExplorerTreemapNode): ExplorerTreemapNode[] {
  return node.kind === "layer" ? [node] : node.children.flatMap(layerLeaves);
}

const bigHost = bigHostSnapshot;

describe("treemapView on the recorded scene (dockerd 20.10)", () => {
  const view = treemapView(scene, 0.04);

  it("adds up to the engine's LayersSize", () => {
    expect(view.totalBytes).toBe(scene.layersSizeBytes);
    expect(view.root.valueBytes).toBe(scene.layersSizeBytes);
  });

  it("names each layer by its readable Dockerfile step and the images using it", () => {
    const leaves = layerLeaves(view.root);
    const copy = leaves.find((leaf) => leaf.name === "COPY file:… in /bin/busybox" || leaf.name.startsWith("COPY file:"));
    expect(copy?.name).not.toContain("#(nop)");
    const base = leaves.find((leaf) => leaf.usedBy?.some((image) => image.name === "ballast-test/base:1") && leaf.layer!.imageCount > 5)!;
    expect(base.layer!.shared).toBe(true);
    expect(base.usedBy!.length).toBe(Math.min(12, base.layer!.imageCount));
  });

  it("draws a shared layer once, not once per image", () => {
    const chains = layerLeaves(view.root).map((leaf) => leaf.layer!.chainId);
    expect(new Set(chains).size).toBe(chains.length);
  });
});

describe("treemapView on a 1,250-image host", () => {
  const snapshot = bigHost();

  it("folds 5,000+ nodes into under 2,000 (under 1 MB of JSON) and keeps every byte", () => {
    const started = performance.now();
    const view = treemapView(snapshot, 0.04);
    const elapsed = performance.now() - started;
    expect(snapshot.layers.length).toBeGreaterThan(3000);
    expect(view.fullNodeCount).toBeGreaterThan(5000);
    expect(view.nodeCount).toBeLessThan(2000);
    const jsonBytes = JSON.stringify(view).length;
    expect(jsonBytes).toBeLessThan(1_000_000);
    expect(view.totalBytes).toBe(imageLayerBytes(snapshot));
    expect(elapsed).toBeLessThan(2000);
    console.info(
      `[treemap] 1,250 images, ${snapshot.layers.length} layers: ${view.fullNodeCount} → ${view.nodeCount} nodes, ${jsonBytes} B JSON, in ${elapsed.toFixed(0)} ms`,
    );
  });

  it("never asks the chart to draw more than two levels of at most 41 boxes each", () => {
    const view = treemapView(snapshot, 0.04);
    let worst = 0;
    const visit = (node: ExplorerTreemapNode) => {
      const data = treemapChartData(node);
      worst = Math.max(worst, data.length + data.reduce((sum, datum) => sum + (datum.children?.length ?? 0), 0));
      node.children.forEach(visit);
    };
    visit(view.root);
    expect(worst).toBeLessThanOrEqual(41 * 42);
    expect(treemapPath(view.root, view.root.children[0].id).map((node) => node.id)).toEqual(["host", view.root.children[0].id]);
  });
});
