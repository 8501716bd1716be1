import { describe, expect, it } from "vitest";
import { attribute, bytesByGroup } from "@/lib/analysis/attribution";
import { categoryTotals } from "@/lib/analysis/cost";
import { buildSnapshot } from "../../support/snapshotBuilder";

describe("grouping by category", () => {
  it("puts agent-measured log bytes in their own Logs group, and every category adds up to its total", () => {
    const snapshot = buildSnapshot({
      images: [{ name: "app", layers: [{ diff: "a", size: 1000 }] }],
      containers: [
        { writableBytes: 50, logBytes: 7000 },
        { writableBytes: 20, logBytes: 300 },
      ],
      volumes: [{ sizeBytes: 400 }],
    });
    snapshot.layersSizeBytes = 1000;
    const groups = bytesByGroup(attribute(snapshot, "category", "h1"));
    const totals = categoryTotals(snapshot);
    expect(Object.fromEntries(groups)).toEqual({ images: totals.images, "writable layers": 70, volumes: 400, logs: 7300 });
    expect(totals.logs).toBe(7300);
  });
});
