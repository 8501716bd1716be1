import { describe, expect, it } from "vitest";
import { buildLayerTreemap } from "@/lib/analysis/treemap";
import { sharedFraction, treemapChartData, treemapPath } from "@/lib/analysis/treemapZoom";
import { buildSnapshot } from "@/tests/support/snapshotBuilder";

const snapshot = buildSnapshot({
  images: [
    {
      name: "a1",
      tags: ["a:1"],
      layers: [
        { diff: "base", size: 100 },
        { diff: "a1", size: 30 },
        { diff: "meta", size: 0 },
      ],
    },
    {
      name: "a2",
      tags: ["a:2"],
      layers: [
        { diff: "base", size: 100 },
        { diff: "a2", size: 20 },
      ],
    },
    { name: "b", tags: ["b:1"], layers: [{ diff: "b", size: 50 }] },
  ],
});
const root = buildLayerTreemap(snapshot, 0.04);

describe("treemapPath", () => {
  it("walks from the root to the focused node for breadcrumbs", () => {
    const image = root.children.find((node) => node.name === "a")!.children.find((node) => node.kind === "image")!;
    expect(treemapPath(root, image.id).map((node) => node.kind)).toEqual(["host", "repository", "image"]);
  });

  it("falls back to the root for an unknown or null id", () => {
    expect(treemapPath(root, "nope")).toEqual([root]);
    expect(treemapPath(root, null)).toEqual([root]);
  });
});

describe("treemapChartData", () => {
  it("gives two levels, marks what can be zoomed, and leaves zero-byte layers out", () => {
    const data = treemapChartData(root);
    const a = data.find((datum) => datum.name === "a")!;
    expect(a.value).toBe(150);
    expect(a.zoomable).toBe(true);
    expect(a.children!.every((child) => child.children === undefined)).toBe(true);
    const a1 = treemapChartData(a.children ? root.children.find((node) => node.name === "a")! : root).find((datum) => datum.name === "a:1")!;
    expect(treemapChartData(root.children.find((node) => node.name === "a")!.children.find((node) => node.id === a1.id)!).map((d) => d.value)).toEqual([30]);
  });

  it("reports the shared fraction of a node's bytes", () => {
    expect(sharedFraction({ value: 200, sharedBytes: 50 })).toBe(0.25);
    expect(sharedFraction({ value: 0, sharedBytes: 0 })).toBe(0);
  });
});
