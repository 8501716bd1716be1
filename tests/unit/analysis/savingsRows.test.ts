import { describe, expect, it } from "vitest";
import { savingsRows, sortSavingsRows, type HostSuggestion } from "@/lib/analysis/savingsRows";

const suggestion = (hostId: string, strategy: string, bytes: number, risk: HostSuggestion["risk"] = "low"): HostSuggestion => ({
  id: `${hostId}-${strategy}`,
  hostId,
  strategy,
  title: strategy,
  reason: "",
  targets: [],
  bytes,
  monthlyCost: bytes / 1e9,
  risk,
  actionable: true,
  status: "open",
  runId: null,
});

describe("savings rows", () => {
  it("sums each strategy over hosts and keeps each host's suggestion", () => {
    const rows = savingsRows([suggestion("a", "dangling_images", 10), suggestion("b", "dangling_images", 5), suggestion("a", "build_cache", 7)]);
    const dangling = rows.find((row) => row.strategy === "dangling_images")!;
    expect(dangling.fleetBytes).toBe(15);
    expect(Object.keys(dangling.byHost).sort()).toEqual(["a", "b"]);
  });

  it("sorts by bytes, cost, risk or name", () => {
    const rows = savingsRows([suggestion("a", "x", 1, "high"), suggestion("a", "y", 3, "low"), suggestion("a", "z", 2, "medium")]);
    expect(sortSavingsRows(rows, "bytes", true).map((row) => row.strategy)).toEqual(["y", "z", "x"]);
    expect(sortSavingsRows(rows, "risk", false).map((row) => row.strategy)).toEqual(["y", "z", "x"]);
    expect(sortSavingsRows(rows, "strategy", false).map((row) => row.strategy)).toEqual(["x", "y", "z"]);
  });
});
