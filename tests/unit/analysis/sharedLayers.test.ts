import { describe, expect, it } from "vitest";
import { baseImageVersions, sharedLayers, type FleetSnapshot } from "@/lib/analysis/sharedLayers";
import { buildSnapshot } from "@/tests/support/snapshotBuilder";

const MB = 1_000_000;
const host = (name: string, images: Parameters<typeof buildSnapshot>[0]["images"], pricePerGbMonth: number | null = null): FleetSnapshot => ({
  hostId: name,
  name,
  pricePerGbMonth,
  snapshot: buildSnapshot({ images }),
});

describe("shared layers across the fleet", () => {
  const fleet = [
    host("a", [
      {
        name: "web",
        tags: ["web:1"],
        layers: [
          { diff: "base", size: 80 * MB },
          { diff: "web1", size: 5 * MB },
        ],
      },
    ]),
    host(
      "b",
      [
        {
          name: "web2",
          tags: ["web:2"],
          layers: [
            { diff: "base", size: 80 * MB },
            { diff: "web2", size: 6 * MB },
          ],
        },
      ],
      0.1,
    ),
    // The same diff on another parent is another chain: not the same layer.
    host("c", [
      {
        name: "other",
        tags: ["other:1"],
        layers: [
          { diff: "os", size: 1 * MB },
          { diff: "base", size: 80 * MB },
        ],
      },
    ]),
  ];

  it("matches layers by chain ID and counts copies × bytes", () => {
    const layers = sharedLayers(fleet);
    expect(layers).toHaveLength(1);
    expect(layers[0]).toMatchObject({ hostCount: 2, fleetBytes: 160 * MB, createdBy: "RUN make base" });
    expect(layers[0].hosts.map((h) => [h.name, h.images])).toEqual([
      ["a", ["web:1"]],
      ["b", ["web:2"]],
    ]);
    // Each copy at its host's price: 0.08 GB × $0.04 + 0.08 GB × $0.10.
    expect(layers[0].monthlyCost).toBeCloseTo(0.08 * 0.04 + 0.08 * 0.1, 6);
  });

  it("lists repositories found in several versions across the fleet", () => {
    expect(baseImageVersions(fleet)).toEqual([
      {
        repository: "web",
        hostCount: 2,
        versions: [expect.objectContaining({ tags: ["web:1"], hosts: ["a"] }), expect.objectContaining({ tags: ["web:2"], hosts: ["b"] })],
      },
    ]);
  });
});
