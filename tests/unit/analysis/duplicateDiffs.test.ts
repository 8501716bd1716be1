import { describe, expect, it } from "vitest";
import { duplicateDiffs } from "@/lib/analysis/duplicateDiffs";
import { buildSnapshot, sha } from "@/tests/support/snapshotBuilder";

describe("duplicateDiffs", () => {
  const snapshot = buildSnapshot({
    images: [
      {
        name: "a",
        layers: [
          { diff: "debian", size: 1000 },
          { diff: "app", size: 40 },
        ],
      },
      {
        name: "a2",
        layers: [
          { diff: "debian", size: 1000 },
          { diff: "app", size: 40 },
          { diff: "x", size: 1 },
        ],
      },
      {
        name: "b",
        layers: [
          { diff: "alpine", size: 500 },
          { diff: "app", size: 40 },
        ],
      },
      {
        name: "c",
        layers: [
          { diff: "ubuntu", size: 700 },
          { diff: "app", size: 40 },
        ],
      },
      {
        name: "d",
        layers: [
          { diff: "ubuntu", size: 700 },
          { diff: "empty", size: 0 },
        ],
      },
      {
        name: "e",
        layers: [
          { diff: "alpine", size: 500 },
          { diff: "empty", size: 0 },
        ],
      },
    ],
  });
  const image = (name: string) => sha(`image:${name}`);

  it("lists a diff stored on several chains with its chains, images, copies and wasted bytes", () => {
    const report = duplicateDiffs(snapshot);
    expect(report.diffs).toHaveLength(1);
    const [app] = report.diffs;
    expect(app).toMatchObject({ diffId: sha("diff:app"), sizeBytes: 40, copies: 3, wastedBytes: 80 });
    // Chains with more images first: the a/a2 chain, then b's and c's in chain ID order.
    expect(app.chains[0].imageIds).toEqual([image("a"), image("a2")].sort());
    expect(
      app.chains
        .slice(1)
        .map((chain) => chain.imageIds[0])
        .sort(),
    ).toEqual([image("b"), image("c")].sort());
    expect(app.chains[1].chainId < app.chains[2].chainId).toBe(true);
    expect(report.totalWastedBytes).toBe(80);
  });

  it("does not count one chain shared by several images as a duplicate", () => {
    const report = duplicateDiffs(
      buildSnapshot({
        images: [
          { name: "a", layers: [{ diff: "base", size: 100 }] },
          {
            name: "b",
            layers: [
              { diff: "base", size: 100 },
              { diff: "b", size: 1 },
            ],
          },
        ],
      }),
    );
    expect(report).toEqual({ diffs: [], totalWastedBytes: 0 });
  });

  it("leaves out duplicates of an empty layer, which cost nothing", () => {
    expect(duplicateDiffs(snapshot).diffs.map((diff) => diff.diffId)).not.toContain(sha("diff:empty"));
  });

  it("keeps the smallest copy when reported sizes disagree, and sorts by waste", () => {
    const base = buildSnapshot({
      images: [
        {
          name: "p",
          layers: [
            { diff: "b1", size: 10 },
            { diff: "big", size: 900 },
            { diff: "small", size: 5 },
          ],
        },
        {
          name: "q",
          layers: [
            { diff: "b2", size: 10 },
            { diff: "big", size: 1000 },
            { diff: "small", size: 5 },
          ],
        },
      ],
    });
    const report = duplicateDiffs(base);
    expect(report.diffs.map((diff) => [diff.sizeBytes, diff.copies, diff.wastedBytes])).toEqual([
      [900, 2, 1000],
      [5, 2, 5],
    ]);
    expect(report.totalWastedBytes).toBe(1005);
  });

  it("counts layers kept only by an intermediate image, which are on disk too", () => {
    const report = duplicateDiffs(
      buildSnapshot({
        images: [
          {
            name: "mid",
            tags: [],
            intermediate: true,
            layers: [
              { diff: "b1", size: 10 },
              { diff: "dup", size: 7 },
            ],
          },
          {
            name: "q",
            layers: [
              { diff: "b2", size: 10 },
              { diff: "dup", size: 7 },
            ],
          },
        ],
      }),
    );
    expect(report.diffs[0]).toMatchObject({ copies: 2, wastedBytes: 7 });
    expect(report.diffs[0].chains.map((chain) => chain.imageIds.length).sort()).toEqual([0, 1]);
  });
});
