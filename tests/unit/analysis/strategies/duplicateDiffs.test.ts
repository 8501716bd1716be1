import { describe, expect, it } from "vitest";
import { duplicateDiffs } from "@/lib/analysis/strategies/duplicateDiffs";
import { DEFAULT_STRATEGY_SETTINGS as settings } from "@/lib/analysis/strategies/types";
import { buildSnapshot, sha } from "@/tests/support/snapshotBuilder";

describe("duplicateDiffs", () => {
  it("estimates (copies − 1) × size for a diff stored on several chains", () => {
    const snapshot = buildSnapshot({
      images: [
        {
          name: "a",
          layers: [
            { diff: "debian", size: 100 },
            { diff: "jar", size: 50, createdBy: "/bin/sh -c #(nop) COPY file:abc in /app.jar" },
          ],
        },
        {
          name: "b",
          layers: [
            { diff: "alpine", size: 10 },
            { diff: "jar", size: 50, createdBy: "COPY app.jar /app.jar # buildkit" },
          ],
        },
        {
          name: "c",
          layers: [
            { diff: "ubuntu", size: 70 },
            { diff: "jar", size: 50, createdBy: "COPY app.jar /app.jar # buildkit" },
          ],
        },
      ],
    });
    const suggestion = duplicateDiffs(snapshot, settings);
    expect(suggestion).toMatchObject({ strategy: "duplicate_diffs", bytes: 100, actionable: false, risk: "medium" });
    expect(suggestion.targets).toEqual([{ kind: "layer", id: sha("diff:jar"), name: expect.stringMatching(/^COPY .*app\.jar \(3 copies\)$/), bytes: 100 }]);
    expect(suggestion.assumption).toMatch(/common base/);
  });

  it("does not count a layer two images share on the same chain (stored once)", () => {
    const snapshot = buildSnapshot({
      images: [
        {
          name: "a",
          layers: [
            { diff: "base", size: 100 },
            { diff: "a", size: 1 },
          ],
        },
        {
          name: "b",
          layers: [
            { diff: "base", size: 100 },
            { diff: "b", size: 1 },
          ],
        },
      ],
    });
    expect(duplicateDiffs(snapshot, settings).targets).toEqual([]);
  });

  it("ignores duplicates that waste no bytes (the empty layer builders emit on every base)", () => {
    const snapshot = buildSnapshot({
      images: [
        {
          name: "a",
          layers: [
            { diff: "base1", size: 1 },
            { diff: "empty", size: 0 },
          ],
        },
        {
          name: "b",
          layers: [
            { diff: "base2", size: 1 },
            { diff: "empty", size: 0 },
          ],
        },
      ],
    });
    expect(duplicateDiffs(snapshot, settings).targets).toEqual([]);
  });

  it("counts copies kept only by intermediate images, which are on disk too", () => {
    const snapshot = buildSnapshot({
      images: [
        {
          name: "i1",
          tags: [],
          intermediate: true,
          layers: [
            { diff: "x1", size: 1 },
            { diff: "dup", size: 9 },
          ],
        },
        {
          name: "i2",
          tags: [],
          intermediate: true,
          layers: [
            { diff: "x2", size: 1 },
            { diff: "dup", size: 9 },
          ],
        },
      ],
    });
    expect(duplicateDiffs(snapshot, settings).bytes).toBe(9);
  });
});
