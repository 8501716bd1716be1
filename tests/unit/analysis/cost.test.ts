import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  categoryTotals,
  DEFAULT_PRICE_PER_GB_MONTH,
  gbMonths,
  hoursBetween,
  monthlyCost,
  monthlyCostByCategory,
  resolvePrice,
  totalBytes,
} from "@/lib/analysis/cost";
import { buildSnapshot } from "@/tests/support/snapshotBuilder";

describe("resolvePrice", () => {
  it("uses the category's price, then the host's, then OpenCost's $0.04 default", () => {
    expect(resolvePrice(0.1, { volumes: 0.2 }, "volumes")).toBe(0.2);
    expect(resolvePrice(0.1, { volumes: 0.2 }, "images")).toBe(0.1);
    expect(resolvePrice(undefined, { volumes: 0.2 }, "logs")).toBe(DEFAULT_PRICE_PER_GB_MONTH);
    expect(resolvePrice(null, null)).toBe(0.04);
    expect(resolvePrice(0.1, { volumes: 0.2 })).toBe(0.1);
  });

  it("accepts a free category and refuses a negative or non-finite price", () => {
    expect(resolvePrice(0.1, { buildCache: 0 }, "buildCache")).toBe(0);
    expect(() => resolvePrice(-1)).toThrow(RangeError);
    expect(() => resolvePrice(0.1, { images: Number.NaN }, "images")).toThrow(RangeError);
  });
});

describe("gbMonths", () => {
  it("counts 10^9 bytes held for 730 hours as one GB-month", () => {
    expect(gbMonths(1e9, 730)).toBe(1);
    expect(gbMonths(2e9, 365)).toBe(1);
    expect(gbMonths(5e9, 0)).toBe(0);
  });

  it("gives a 31-day month 744/730 of the monthly price", () => {
    const hours = hoursBetween(new Date("2026-01-01T00:00:00Z"), new Date("2026-02-01T00:00:00Z"));
    expect(hours).toBe(744);
    expect(gbMonths(1e9, hours) * 0.04).toBeCloseTo(0.04 * (744 / 730), 12);
  });

  it("matches monthlyCost over one 730-hour month", () => {
    fc.assert(
      fc.property(fc.nat(10 ** 13), (bytes) => {
        expect(gbMonths(bytes, 730) * 0.04).toBeCloseTo(monthlyCost(bytes), 9);
      }),
    );
  });
});

describe("categoryTotals", () => {
  const snapshot = buildSnapshot({
    images: [{ name: "a", layers: [{ diff: "a", size: 100 }] }],
    containers: [
      { writableBytes: 10, logBytes: 5 },
      { writableBytes: 20, logBytes: null },
    ],
    volumes: [{ sizeBytes: 7 }, { sizeBytes: null }],
    buildCache: [{ sizeBytes: 3 }, { sizeBytes: 100, shared: true }],
  });

  it("adds writable layers, volumes (unknown size as 0), private build cache and measured logs", () => {
    expect(categoryTotals(snapshot)).toEqual({ images: 100, containers: 30, volumes: 7, buildCache: 3, logs: 5 });
    expect(totalBytes(categoryTotals(snapshot))).toBe(145);
  });

  it("reports logs as null when no container's logs were measured", () => {
    const unmeasured = buildSnapshot({ images: [], containers: [{ logBytes: null }] });
    expect(categoryTotals(unmeasured).logs).toBeNull();
    expect(totalBytes(categoryTotals(unmeasured))).toBe(0);
  });

  it("prices each category at its own price", () => {
    const costs = monthlyCostByCategory({ images: 1e9, containers: 0, volumes: 2e9, buildCache: 0, logs: null }, 0.1, {
      volumes: 0.5,
    });
    expect(costs).toEqual({ images: 0.1, containers: 0, volumes: 1, buildCache: 0, logs: 0 });
  });
});
