import { describe, expect, it } from "vitest";
import { fleetOverview, hostGrowthPerDay, type FleetHostInput } from "@/lib/analysis/fleetOverview";

const GB = 1_000_000_000;
const point = (takenAt: string, volumes: number) => ({ takenAt, images: GB, containers: 0, volumes, buildCache: 0, logs: null });

function host(name: string, over: Partial<FleetHostInput> = {}): FleetHostInput {
  return {
    id: name,
    name,
    status: "ok",
    statusSince: "2026-03-01T00:00:00.000Z",
    lastPollAt: "2026-03-01T12:00:00.000Z",
    lastError: null,
    pricePerGbMonth: null,
    totals: { images: GB, containers: 0, volumes: GB, buildCache: 0, logs: null },
    disk: null,
    points: [],
    reclaimableBytes: 0,
    ...over,
  };
}

describe("fleet overview", () => {
  it("gives no rate from less than an hour of a host's own history", () => {
    expect(hostGrowthPerDay([point("2026-03-01T12:00:00Z", 0), point("2026-03-01T12:59:00Z", GB)])).toBeNull();
    expect(hostGrowthPerDay([point("2026-03-01T12:00:00Z", 0), point("2026-03-01T14:00:00Z", GB)])).toBeCloseTo(12 * GB);
  });

  it("never counts a host added as growth: the fleet rate sums each host's own rate", () => {
    const old = host("old", { points: [point("2026-03-01T00:00:00Z", GB), point("2026-03-01T12:00:00Z", 1.5 * GB)] });
    // Added 10 minutes ago with 70 GB: a step in the totals, no rate of its own yet.
    const added = host("added", {
      totals: { images: 70 * GB, containers: 0, volumes: 0, buildCache: 0, logs: null },
      points: [point("2026-03-01T11:50:00Z", 0)],
    });
    const { totals, hosts } = fleetOverview([old, added]);
    expect(totals.growthBytesPerDay).toBeCloseTo(GB);
    expect(totals.growthHosts).toBe(1);
    expect(hosts.find((h) => h.name === "added")!.growthBytesPerDay).toBeNull();
    expect(totals.totalBytes).toBe(2 * GB + 70 * GB);
  });

  it("adds categories in bytes and $/month, and counts hosts by status", () => {
    const { totals, hosts } = fleetOverview([
      host("a"),
      host("b", { status: "unreachable", pricePerGbMonth: 0.1 }),
      host("c", { status: "pending", totals: null }),
    ]);
    expect(totals.categories.find((c) => c.category === "volumes")).toEqual({ category: "volumes", bytes: 2 * GB, monthlyCost: expect.closeTo(0.04 + 0.1, 6) });
    expect(totals.monthlyCost).toBeCloseTo(2 * 0.04 + 2 * 0.1, 6);
    expect(totals.hostsByStatus).toMatchObject({ ok: 1, unreachable: 1, pending: 1, degraded: 0, disabled: 0 });
    expect(hosts.find((h) => h.name === "c")).toMatchObject({ totalBytes: null, monthlyCost: null });
    expect(totals.growthBytesPerDay).toBeNull();
  });
});
