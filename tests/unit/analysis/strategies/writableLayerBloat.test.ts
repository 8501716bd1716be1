import { describe, expect, it } from "vitest";
import { writableLayerBloat } from "@/lib/analysis/strategies/containers";
import { DEFAULT_STRATEGY_SETTINGS as settings } from "@/lib/analysis/strategies/types";
import { buildSnapshot } from "@/tests/support/snapshotBuilder";

const images = [{ name: "elk", layers: [{ diff: "elk", size: 10 }] }];
const GB = 1_000_000_000;

describe("writableLayerBloat", () => {
  it("advises on containers whose writable layer exceeds the threshold", () => {
    const snapshot = buildSnapshot({
      images,
      containers: [
        { name: "elasticsearch", state: "running", writableBytes: 40 * GB },
        { name: "small", state: "running", writableBytes: GB },
      ],
    });
    const suggestion = writableLayerBloat(snapshot, settings);
    expect(suggestion).toMatchObject({ strategy: "writable_layer_bloat", bytes: 40 * GB, actionable: false, risk: "medium" });
    expect(suggestion.targets.map((target) => target.name)).toEqual(["elasticsearch"]);
    expect(suggestion.reason).toMatch(/more than 1 GB/);
    expect(suggestion.assumption).toMatch(/frees nothing by itself/);
  });

  it("leaves removable stopped containers to stopped_containers but keeps protected ones", () => {
    const snapshot = buildSnapshot({
      images,
      containers: [
        { name: "gone", state: "exited", writableBytes: 2 * GB },
        { name: "kept", state: "exited", writableBytes: 3 * GB, labels: { "ballast.protect": "true" } },
      ],
    });
    expect(writableLayerBloat(snapshot, settings).targets.map((target) => target.name)).toEqual(["kept"]);
  });

  it("follows the threshold setting", () => {
    const snapshot = buildSnapshot({ images, containers: [{ state: "running", writableBytes: 600 }] });
    expect(writableLayerBloat(snapshot, { ...settings, writableLayerBloatBytes: 500 }).targets).toHaveLength(1);
  });
});
