import { describe, expect, it } from "vitest";
import { fleetOverview, type FleetHostInput } from "@/lib/analysis/fleetOverview";
import type { FillForecast } from "@/lib/analysis/fillForecast";

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
    seriesStartedAt: null,
    endedAt: null,
    fill: null,
    reclaimableBytes: 0,
    ...over,
  };
}

const DAY = { from: new Date("2026-03-01T00:00:00Z"), to: new Date("2026-03-01T12:00:01Z") };
const one = (points: FleetHostInput["points"]) => fleetOverview([host("h", { points })], DAY).hosts[0].growthBytesPerDay;

describe("fleet overview", () => {
  it("gives no row rate from less than an hour of a host's own history", () => {
    expect(one([point("2026-03-01T11:00:00Z", 0), point("2026-03-01T11:59:00Z", GB)])).toBeNull();
    expect(one([point("2026-03-01T10:00:00Z", 0), point("2026-03-01T12:00:00Z", GB)])).toBeCloseTo(12 * GB);
  });

  it("never counts a host added as growth: the fleet rate is over hosts present all day, the added one a step", () => {
    const old = host("old", { points: [point("2026-03-01T00:00:00Z", GB), point("2026-03-01T12:00:00Z", 1.5 * GB)] });
    // Added 10 minutes ago with 70 GB: a step in the totals, no rate of its own yet.
    const added = host("added", {
      totals: { images: 70 * GB, containers: 0, volumes: 0, buildCache: 0, logs: null },
      points: [point("2026-03-01T11:50:00Z", 0)],
    });
    const { totals, hosts } = fleetOverview([old, added], DAY);
    expect(totals.growthBytesPerDay).toBeCloseTo(GB);
    expect(totals.growthHosts).toBe(1);
    expect(totals.steps).toEqual([{ at: "2026-03-01T11:50:00.000Z", hostId: "added", hostName: "added", kind: "added", deltaBytes: GB }]);
    expect(hosts.find((h) => h.name === "added")!.growthBytesPerDay).toBeNull();
    expect(totals.totalBytes).toBe(2 * GB + 70 * GB);
  });

  it("adds categories in bytes and $/month, and counts hosts by status", () => {
    const { totals, hosts } = fleetOverview(
      [host("a"), host("b", { status: "unreachable", pricePerGbMonth: 0.1 }), host("c", { status: "pending", totals: null })],
      DAY,
    );
    expect(totals.categories.find((c) => c.category === "volumes")).toMatchObject({
      category: "volumes",
      bytes: 2 * GB,
      monthlyCost: expect.closeTo(0.04 + 0.1, 6),
    });
    expect(totals.monthlyCost).toBeCloseTo(2 * 0.04 + 2 * 0.1, 6);
    expect(totals.hostsByStatus).toMatchObject({ ok: 1, unreachable: 1, pending: 1, degraded: 0, disabled: 0 });
    expect(hosts.find((h) => h.name === "c")).toMatchObject({ totalBytes: null, monthlyCost: null });
    expect(totals.growthBytesPerDay).toBeNull();
  });
});

describe("fleet overview: logs and fill dates", () => {
  const logged = { images: GB, containers: 0, volumes: 0, buildCache: 0, logs: 2 * GB };
  const forecast = (fillDate: string | null): FillForecast =>
    ({
      path: "/var/lib/docker",
      sizeBytes: 100 * GB,
      usedBytes: 50 * GB,
      freeBytes: 50 * GB,
      window: { from: "2026-02-22T00:00:00.000Z", to: "2026-03-01T00:00:00.000Z" },
      readings: 10,
      ...(fillDate ? { status: "fills", growthBytesPerDay: GB, fillDate } : { status: "not_enough_history", growthBytesPerDay: null, fillDate: null }),
    }) as FillForecast;

  it("says logs are not measured where no host measured them, and partial where some did", () => {
    const none = fleetOverview([host("a"), host("b")], DAY).totals.categories.find((c) => c.category === "logs");
    expect(none).toEqual({ category: "logs", bytes: null, monthlyCost: null, measuredHosts: 0, hosts: 2 });
    const partial = fleetOverview([host("a", { totals: logged }), host("b")], DAY).totals.categories.find((c) => c.category === "logs");
    expect(partial).toMatchObject({ bytes: 2 * GB, measuredHosts: 1, hosts: 2 });
  });

  it("gives each row its data root's fill date, unknown without disk figures, and the fleet's soonest", () => {
    const { totals, hosts } = fleetOverview(
      [
        host("a", { fill: forecast("2026-06-01T00:00:00.000Z") }),
        host("b", { fill: forecast("2026-04-01T00:00:00.000Z") }),
        host("c", { fill: forecast(null) }),
        host("d"),
      ],
      DAY,
    );
    expect(hosts.map((h) => h.fill?.status ?? "unknown")).toEqual(["fills", "fills", "not_enough_history", "unknown"]);
    expect(totals.soonestFill).toEqual({ hostId: "b", hostName: "b", fillDate: "2026-04-01T00:00:00.000Z" });
    expect(totals.fillKnownHosts).toBe(3);
  });
});
