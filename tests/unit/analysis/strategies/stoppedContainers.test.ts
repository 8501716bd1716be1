import { describe, expect, it } from "vitest";
import { stoppedContainers } from "@/lib/analysis/strategies/containers";
import { DEFAULT_STRATEGY_SETTINGS as settings } from "@/lib/analysis/strategies/types";
import { buildSnapshot } from "@/tests/support/snapshotBuilder";

const images = [{ name: "app", layers: [{ diff: "app", size: 10 }] }];
const volumeMount = (name: string) => ({ type: "volume", name, source: `/v/${name}`, destination: "/data" });

describe("stoppedContainers", () => {
  it("targets exited and never-started containers with their writable layer bytes", () => {
    const snapshot = buildSnapshot({
      images,
      containers: ["running", "exited", "created", "paused", "restarting", "dead"].map((state, index) => ({
        state,
        name: state,
        writableBytes: (index + 1) * 100,
      })),
    });
    const suggestion = stoppedContainers(snapshot, settings);
    expect(suggestion).toMatchObject({ strategy: "stopped_containers", bytes: 500, risk: "low", actionable: true });
    expect(suggestion.targets.map((target) => [target.kind, target.name, target.bytes])).toEqual([
      ["container", "created", 300],
      ["container", "exited", 200],
    ]);
  });

  it("skips containers carrying the protect label", () => {
    const snapshot = buildSnapshot({
      images,
      containers: [{ state: "exited", labels: { "ballast.protect": "true" }, writableBytes: 5 }],
    });
    expect(stoppedContainers(snapshot, settings).targets).toEqual([]);
  });

  it("says the anonymous volumes they hold are kept", () => {
    const snapshot = buildSnapshot({
      images,
      containers: [
        { state: "exited", mounts: [volumeMount("a".repeat(64)), volumeMount("named")] },
        { state: "created", mounts: [volumeMount("a".repeat(64))] },
      ],
      volumes: [
        { name: "a".repeat(64), anonymous: true, refCount: 2 },
        { name: "named", anonymous: false, refCount: 1 },
      ],
    });
    expect(stoppedContainers(snapshot, settings).reason).toMatch(/the 1 anonymous volume they hold stays/);
  });

  it("does not mention volumes when there are none", () => {
    const snapshot = buildSnapshot({ images, containers: [{ state: "exited" }] });
    expect(stoppedContainers(snapshot, settings).reason).not.toMatch(/volume/);
  });
});
