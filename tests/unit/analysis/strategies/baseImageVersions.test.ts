import { describe, expect, it } from "vitest";
import { baseImageVersions } from "@/lib/analysis/strategies/baseImageVersions";
import { DEFAULT_STRATEGY_SETTINGS as settings } from "@/lib/analysis/strategies/types";
import { buildSnapshot, sha } from "@/tests/support/snapshotBuilder";

const id = (name: string) => sha(`image:${name}`);
const node18 = [
  { diff: "bullseye", size: 1_000 },
  { diff: "node18", size: 300 },
];
const node20 = [
  { diff: "bookworm", size: 1_100 },
  { diff: "node20", size: 320 },
];

describe("baseImageVersions", () => {
  it("estimates the older version's own layers, including those of images built on it", () => {
    const snapshot = buildSnapshot({
      images: [
        { name: "node18", tags: ["node:18"], createdAt: "2025-01-01T00:00:00.000Z", layers: node18 },
        { name: "node20", tags: ["node:20"], createdAt: "2026-01-01T00:00:00.000Z", layers: node20 },
        { name: "api", tags: ["api:1"], layers: [...node18, { diff: "api", size: 5 }] },
      ],
      containers: [{ imageId: id("api") }],
    });
    const suggestion = baseImageVersions(snapshot, settings);
    expect(suggestion).toMatchObject({ strategy: "base_image_versions", bytes: 1_300, actionable: false, risk: "medium" });
    expect(suggestion.targets).toEqual([{ kind: "image", id: id("node18"), name: "node:18", bytes: 1_300 }]);
    expect(suggestion.reason).toMatch(/Several versions of node/);
    expect(suggestion.assumption).toMatch(/node:20/);
  });

  it("does not count an older version's layer that an unrelated image also uses", () => {
    const snapshot = buildSnapshot({
      images: [
        { name: "node18", tags: ["node:18"], createdAt: "2025-01-01T00:00:00.000Z", layers: node18 },
        { name: "node20", tags: ["node:20"], createdAt: "2026-01-01T00:00:00.000Z", layers: node20 },
        {
          name: "python",
          tags: ["python:3.9"],
          layers: [
            { diff: "bullseye", size: 1_000 },
            { diff: "py", size: 200 },
          ],
        },
      ],
    });
    expect(baseImageVersions(snapshot, settings).bytes).toBe(300);
  });

  it("does not treat the base the newest version is built on as a rival version", () => {
    const snapshot = buildSnapshot({
      images: [
        { name: "v1", tags: ["app:1"], createdAt: "2025-01-01T00:00:00.000Z", layers: [{ diff: "one", size: 10 }] },
        {
          name: "v2",
          tags: ["app:2"],
          createdAt: "2026-01-01T00:00:00.000Z",
          layers: [
            { diff: "one", size: 10 },
            { diff: "two", size: 5 },
          ],
        },
      ],
    });
    expect(baseImageVersions(snapshot, settings).targets).toEqual([]);
  });

  it("does not treat a version built on another as a rival when both were built in the same second", () => {
    const sameSecond = "2026-01-01T00:00:00.000Z";
    const snapshot = buildSnapshot({
      images: [
        { name: "v1", tags: ["app:1"], createdAt: sameSecond, layers: [{ diff: "one", size: 10 }] },
        {
          name: "v2",
          tags: ["app:2"],
          createdAt: sameSecond,
          layers: [
            { diff: "one", size: 10 },
            { diff: "two", size: 5 },
          ],
        },
      ],
    });
    expect(baseImageVersions(snapshot, settings).targets).toEqual([]);
  });

  it("groups by repository with a registry port, not by the port", () => {
    const snapshot = buildSnapshot({
      images: [
        { name: "a", tags: ["registry:5000/team/app:1"], createdAt: "2025-01-01T00:00:00.000Z", layers: [{ diff: "a", size: 7 }] },
        { name: "b", tags: ["registry:5000/team/app:2"], createdAt: "2026-01-01T00:00:00.000Z", layers: [{ diff: "b", size: 9 }] },
        { name: "c", tags: ["registry:5000/other:2"], layers: [{ diff: "c", size: 11 }] },
      ],
    });
    const suggestion = baseImageVersions(snapshot, settings);
    expect(suggestion.targets.map((target) => [target.name, target.bytes])).toEqual([["registry:5000/team/app:1", 7]]);
    expect(suggestion.reason).toMatch(/registry:5000\/team\/app/);
  });

  it("counts a layer two older versions share once in the total and in no per-target figure", () => {
    const snapshot = buildSnapshot({
      images: [
        {
          name: "n16",
          tags: ["node:16"],
          createdAt: "2024-01-01T00:00:00.000Z",
          layers: [
            { diff: "bullseye", size: 1_000 },
            { diff: "n16", size: 1 },
          ],
        },
        { name: "n18", tags: ["node:18"], createdAt: "2025-01-01T00:00:00.000Z", layers: node18 },
        { name: "n20", tags: ["node:20"], createdAt: "2026-01-01T00:00:00.000Z", layers: node20 },
      ],
    });
    const suggestion = baseImageVersions(snapshot, settings);
    expect(suggestion.bytes).toBe(1_301);
    expect(suggestion.targets.map((target) => [target.name, target.bytes])).toEqual([
      ["node:18", 300],
      ["node:16", 1],
    ]);
  });
});
