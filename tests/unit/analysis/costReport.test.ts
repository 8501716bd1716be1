import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { GroupBy } from "@/lib/analysis/attribution";
import { buildCostReport, reportPeriod, TOTAL_GROUP, type CostReportHost } from "@/lib/analysis/costReport";
import { categoryTotals, totalBytes } from "@/lib/analysis/cost";
import { buildSnapshot, sha } from "@/tests/support/snapshotBuilder";

const FEB = { from: new Date("2026-02-01T00:00:00Z"), to: new Date("2026-03-01T00:00:00Z") };
const FEB_HOURS = 28 * 24;

/** A snapshot holding `images` bytes of one image, used by a container labelled with `team`. */
function snap(takenAt: string, images: number, team = "x", extra: { volume?: number } = {}) {
  return buildSnapshot({
    takenAt,
    images: [{ name: "app", layers: [{ diff: "app", size: images }] }],
    containers: [{ imageId: sha("image:app"), labels: { team } }],
    volumes: extra.volume === undefined ? [] : [{ name: "data", sizeBytes: extra.volume }],
  });
}

const host = (hostName: string, snapshots: ReturnType<typeof snap>[], pricePerGbMonth?: number): CostReportHost => ({
  hostId: hostName,
  hostName,
  pricePerGbMonth,
  snapshots,
});

describe("reportPeriod", () => {
  it("names a calendar month (UTC) as YYYY-MM, anything else as an ISO interval", () => {
    expect(reportPeriod(FEB.from, FEB.to)).toBe("2026-02");
    expect(reportPeriod(new Date("2026-12-01T00:00:00Z"), new Date("2027-01-01T00:00:00Z"))).toBe("2026-12");
    expect(reportPeriod(new Date("2026-02-03T00:00:00Z"), new Date("2026-02-10T00:00:00Z"))).toBe("2026-02-03/2026-02-10");
    expect(reportPeriod(new Date("2026-02-01T03:00:00Z"), new Date("2026-03-01T03:00:00Z"))).toBe("2026-02-01T03:00:00.000Z/2026-03-01T03:00:00.000Z");
  });
});

describe("buildCostReport", () => {
  it("carries the last snapshot before `from` through the whole month", () => {
    const report = buildCostReport({ hosts: [host("a", [snap("2026-01-15T00:00:00Z", 1e9)])], ...FEB, groupBy: "host" });
    expect(report.period).toBe("2026-02");
    expect(report.hours).toBe(FEB_HOURS);
    expect(report.rows).toHaveLength(1);
    const [row] = report.rows;
    expect(row).toMatchObject({ period: "2026-02", group: "a", averageBytes: 1e9, peakBytes: 1e9, currency: "USD" });
    expect(row.gbMonths).toBeCloseTo(FEB_HOURS / 730, 12);
    expect(row.cost).toBeCloseTo((0.04 * FEB_HOURS) / 730, 12);
  });

  it("counts no bytes before a host's first snapshot and ignores snapshots after `to`", () => {
    const snapshots = [snap("2026-02-15T00:00:00Z", 2e9), snap("2026-03-01T00:00:00Z", 50e9)];
    const [row] = buildCostReport({ hosts: [host("a", snapshots)], ...FEB, groupBy: "host" }).rows;
    expect(row.averageBytes).toBeCloseTo(1e9, 3);
    expect(row.peakBytes).toBe(2e9);
  });

  it("weights each snapshot by how long it held and keeps the peak", () => {
    // 1 GB for 7 days, then 3 GB for 21 days → average 2.5 GB.
    const snapshots = [snap("2026-03-08T00:00:00Z", 9e9), snap("2026-02-08T00:00:00Z", 3e9), snap("2026-01-01T00:00:00Z", 1e9)];
    const [row] = buildCostReport({ hosts: [host("a", snapshots, 0.1)], ...FEB, groupBy: { label: "team" } }).rows;
    expect(row.group).toBe("x");
    expect(row.averageBytes).toBeCloseTo(2.5e9, 3);
    expect(row.peakBytes).toBe(3e9);
    expect(row.cost).toBeCloseTo(2.5 * 0.1 * (FEB_HOURS / 730), 12);
  });

  it("sums groups over hosts at their own prices, and peaks at the moment the hosts together peak", () => {
    const a = host("a", [snap("2026-01-01T00:00:00Z", 1e9), snap("2026-02-10T00:00:00Z", 0)], 0.1);
    const b = host("b", [snap("2026-02-05T00:00:00Z", 2e9), snap("2026-02-20T00:00:00Z", 4e9)], 0.2);
    const report = buildCostReport({ hosts: [a, b], ...FEB, groupBy: { label: "team" } });
    expect(report.rows.map((r) => r.group)).toEqual(["x"]);
    const [row] = report.rows;
    // a: 1 GB × 9 days; b: 2 GB × 15 days + 4 GB × 9 days (as GB-days).
    const gbMonths = (days: number) => (days * 24) / 730;
    expect(row.cost).toBeCloseTo(0.1 * gbMonths(9) + 0.2 * (gbMonths(30) + gbMonths(36)), 12);
    expect(row.peakBytes).toBe(4e9);
    expect(report.total.peakBytes).toBe(4e9);
  });

  it("keeps container and volume names apart per host and puts unattributed last", () => {
    const a = host("a", [snap("2026-01-01T00:00:00Z", 1e9, "x", { volume: 5e9 })]);
    const b = host("b", [snap("2026-01-01T00:00:00Z", 1e9, "x", { volume: 5e9 })]);
    const report = buildCostReport({ hosts: [a, b], ...FEB, groupBy: "volume" });
    expect(report.rows.map((r) => [r.group, r.averageBytes])).toEqual([
      ["a/data", 5e9],
      ["b/data", 5e9],
      ["unattributed", 2e9],
    ]);
  });

  it("refuses an empty or reversed period", () => {
    expect(() => buildCostReport({ hosts: [], from: FEB.to, to: FEB.from, groupBy: "host" })).toThrow(RangeError);
  });

  it("reports nothing but a zero total when no host has data", () => {
    const report = buildCostReport({ hosts: [host("a", [])], ...FEB, groupBy: "project" });
    expect(report.rows).toEqual([]);
    expect(report.total).toMatchObject({ group: TOTAL_GROUP, cost: 0, gbMonths: 0, peakBytes: 0 });
  });
});

// Random fleets: hosts with a few snapshots at random hours around February.
const GROUP_BYS: GroupBy[] = ["host", "image", "repository", "container", "volume", "project", { label: "team" }];
const team = fc.constantFrom(undefined, "x", "y");
const snapshotArb = fc.record({
  hour: fc.integer({ min: -100, max: FEB_HOURS + 100 }),
  images: fc.array(fc.record({ size: fc.integer({ min: 0, max: 5e10 }), base: fc.nat(1), team }), { minLength: 1, maxLength: 3 }),
  containers: fc.array(fc.record({ image: fc.nat(2), team, writable: fc.integer({ min: 0, max: 1e10 }), log: fc.option(fc.nat(1e5)) }), { maxLength: 3 }),
  volume: fc.record({ size: fc.option(fc.integer({ min: 0, max: 1e11 })), team }),
  cache: fc.nat(1e6),
});
const fleetArb = fc.array(fc.record({ price: fc.option(fc.double({ min: 0, max: 1, noNaN: true })), snapshots: fc.array(snapshotArb, { maxLength: 4 }) }), {
  minLength: 1,
  maxLength: 3,
});

const teamLabels = (value?: string): Record<string, string> => (value ? { team: value } : {});

type HostSpec = typeof fleetArb extends fc.Arbitrary<(infer T)[]> ? T : never;

function toHost(spec: HostSpec, index: number): CostReportHost {
  const snapshots = spec.snapshots.map((s) =>
    buildSnapshot({
      takenAt: new Date(FEB.from.getTime() + s.hour * 3_600_000).toISOString(),
      images: s.images.map((img, i) => ({
        name: `img${i}`,
        labels: teamLabels(img.team),
        layers: [
          { diff: `base${img.base}`, size: 1_000 + img.base },
          { diff: `own${i}`, size: img.size },
        ],
      })),
      containers: s.containers.map((c) => ({
        imageId: sha(`image:img${c.image}`),
        labels: teamLabels(c.team),
        writableBytes: c.writable,
        logBytes: c.log,
        mounts: [{ type: "volume", name: "volume0", source: "", destination: "/d" }],
      })),
      volumes: [{ sizeBytes: s.volume.size, labels: teamLabels(s.volume.team) }],
      buildCache: [{ sizeBytes: s.cache }],
    }),
  );
  return { hostId: `h${index}`, hostName: `host${index}`, pricePerGbMonth: spec.price, snapshots };
}

/** Cost straight from each snapshot's category totals, without attribution. */
function expectedCost(hosts: CostReportHost[]): number {
  let cost = 0;
  for (const h of hosts) {
    const sorted = [...(h.snapshots ?? [])].sort((a, b) => Date.parse(a.takenAt) - Date.parse(b.takenAt));
    sorted.forEach((s, i) => {
      const start = Math.max(Date.parse(s.takenAt), FEB.from.getTime());
      const end = Math.min(i + 1 < sorted.length ? Date.parse(sorted[i + 1].takenAt) : FEB.to.getTime(), FEB.to.getTime());
      if (end > start) cost += (totalBytes(categoryTotals(s)) / 1e9) * ((end - start) / 3_600_000 / 730) * (h.pricePerGbMonth ?? 0.04);
    });
  }
  return cost;
}

describe("buildCostReport over random fleets", () => {
  it("rows add up to the total, and the total is the fleet's cost whatever the grouping", () => {
    fc.assert(
      fc.property(fleetArb, fc.constantFrom(...GROUP_BYS), (fleet, groupBy) => {
        const hosts = fleet.map(toHost);
        const report = buildCostReport({ hosts, ...FEB, groupBy });
        expect(report.rows.reduce((sum, r) => sum + r.cost, 0)).toBe(report.total.cost);
        const expected = expectedCost(hosts);
        expect(Math.abs(report.total.cost - expected)).toBeLessThanOrEqual(1e-12 * expected + 1e-15);
        for (const r of report.rows) {
          expect(r.peakBytes).toBeLessThanOrEqual(report.total.peakBytes);
          expect(r.averageBytes).toBeLessThanOrEqual(r.peakBytes * (1 + 1e-12));
          const gbMonths = (r.averageBytes / 1e9) * (FEB_HOURS / 730);
          expect(Math.abs(r.gbMonths - gbMonths)).toBeLessThanOrEqual(1e-12 * gbMonths);
        }
      }),
      { numRuns: 200 },
    );
  });
});
