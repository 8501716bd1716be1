import { describe, expect, it } from "vitest";
import { logRotation } from "@/lib/analysis/strategies/logRotation";
import { DEFAULT_STRATEGY_SETTINGS as settings } from "@/lib/analysis/strategies/types";
import { buildSnapshot } from "@/tests/support/snapshotBuilder";

const images = [{ name: "app", layers: [{ diff: "app", size: 1 }] }];
const MiB = 1024 * 1024;

describe("logRotation", () => {
  it("advises rotation for json-file (or default-driver) containers without max-size", () => {
    const snapshot = buildSnapshot({
      images,
      containers: [
        { name: "chatty", logDriver: "json-file", logBytes: 500 * MiB },
        { name: "default", logDriver: null, logBytes: 40 * MiB },
        { name: "rotated", logDriver: "json-file", logOptions: { "max-size": "10m" }, logBytes: 500 * MiB },
        { name: "local", logDriver: "local", logBytes: 500 * MiB },
        { name: "journald", logDriver: "journald", logBytes: null },
      ],
    });
    const suggestion = logRotation(snapshot, settings);
    expect(suggestion).toMatchObject({ strategy: "log_rotation", actionable: false, risk: "low" });
    expect(suggestion.targets.map((target) => [target.kind, target.name, target.bytes])).toEqual([
      ["log", "chatty", 470 * MiB],
      ["log", "default", 10 * MiB],
    ]);
    expect(suggestion.bytes).toBe(480 * MiB);
    expect(suggestion.assumption).toMatch(/max-size="10m".*max-file="3"/);
    expect(suggestion.assumption).toMatch(/re-created/);
  });

  it("treats max-file without max-size as unrotated (max-file only acts with max-size)", () => {
    const snapshot = buildSnapshot({ images, containers: [{ logOptions: { "max-file": "3" }, logBytes: 1 }] });
    expect(logRotation(snapshot, settings).targets).toHaveLength(1);
  });

  it("says when logs are not measured instead of inventing bytes", () => {
    const snapshot = buildSnapshot({ images, containers: [{ logBytes: null }, { logBytes: 0 }] });
    const suggestion = logRotation(snapshot, settings);
    expect(suggestion.bytes).toBe(0);
    expect(suggestion.targets).toHaveLength(2);
    expect(suggestion.reason).toMatch(/1 log not measured, which needs the host agent/);
  });
});
