import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as fleetRoute } from "@/app/api/fleet/route";
import { GET as trends } from "@/app/api/trends/route";
import { createHost } from "@/lib/store/hosts";
import { updateHost } from "@/lib/store/hostChanges";
import { recordPollOutcome } from "@/lib/store/hostPollState";
import { saveSnapshot } from "@/lib/store/snapshotWriter";
import { buildSnapshot } from "@/tests/support/snapshotBuilder";
import { jsonOf, request } from "@/tests/support/routes";
import { useFreshDatabase } from "@/tests/support/testDatabase";

// The growth rule (lib/analysis/trendGrowth.ts) through the real store and the public routes: snapshots
// written by saveSnapshot, the engine change recorded by recordPollOutcome (seriesStartedAt), a host
// disabled through updateHost. Hosts added, removed or answering as another engine are steps, never growth.

const GB = 1_000_000_000;
const HOUR = 3_600_000;
const FEB = { from: "2026-02-01T00:00:00.000Z", to: "2026-03-01T00:00:00.000Z" };

/** A poll of a host holding one image of `imageBytes` and a volume of `volumeBytes`, answered by `engineId`. */
function poll(takenAt: string | number, volumeBytes: number, engineId = "ENGINE-A", imageBytes = GB) {
  const snapshot = buildSnapshot({
    takenAt: new Date(takenAt).toISOString(),
    images: [{ name: `img-${imageBytes}`, layers: [{ diff: `d-${imageBytes}`, size: imageBytes }] }],
    volumes: [{ name: "data", sizeBytes: Math.round(volumeBytes), refCount: 1 }],
  });
  return { ...snapshot, engine: { ...snapshot.engine, id: engineId } };
}

const host = (name: string) => createHost({ name, endpoint: "tcp://127.0.0.1:9", pollIntervalSec: 86_400 });
const trendOf = async (query: string) => (await jsonOf(await trends(request(`/api/trends?from=${FEB.from}&to=${FEB.to}${query}`)))).body.trend;

describe("trends through the real store: steps, not growth", () => {
  let cleanup: () => Promise<void>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase());
    // steady: polled since January, its volume grows 1 GB a day through February.
    ids.steady = (await host("steady")).id;
    await saveSnapshot(ids.steady, poll("2026-01-31T12:00:00Z", 7 * GB));
    for (let day = 1; day <= 28; day += 1) await saveSnapshot(ids.steady, poll(Date.UTC(2026, 1, day, 12), (day + 7) * GB));
    // moved: another engine answers from February 12 (smaller: 2 GB image), recorded as the poller does.
    ids.moved = (await host("moved")).id;
    await saveSnapshot(ids.moved, poll("2026-01-20T00:00:00Z", 30 * GB, "ENGINE-OLD"));
    await recordPollOutcome(ids.moved, { at: new Date("2026-01-20T00:00:00Z"), failure: null, engineId: "ENGINE-OLD", random: 0.5 });
    for (const day of [12, 13, 14, 15]) {
      const at = new Date(Date.UTC(2026, 1, day));
      await saveSnapshot(ids.moved, poll(at.getTime(), (day - 12) * 0.1 * GB, "ENGINE-NEW", 2 * GB));
      await recordPollOutcome(ids.moved, { at, failure: null, engineId: "ENGINE-NEW", random: 0.5 });
    }
    // added on February 20 with 50 GB; gone: disabled on February 10 at 18:00.
    ids.added = (await host("added")).id;
    await saveSnapshot(ids.added, poll("2026-02-20T00:00:00Z", 50 * GB));
    await saveSnapshot(ids.added, poll("2026-02-21T00:00:00Z", 50 * GB));
    ids.gone = (await host("gone")).id;
    await saveSnapshot(ids.gone, poll("2026-01-10T00:00:00Z", 5 * GB));
    await updateHost(ids.gone, { enabled: false }, new Date("2026-02-10T18:00:00Z"));
  });
  afterAll(async () => cleanup());

  it("measures the fleet over the one host present all month and lists the three steps", async () => {
    const trend = await trendOf("");
    expect(trend.growth).toMatchObject({ status: "measured", hostIds: [ids.steady] });
    // 1 GB a day, give or take the held value at February 1st's midnight.
    expect(trend.growthBytesPerDay / GB).toBeCloseTo(1, 1);
    expect(trend.hostsInWindow).toBe(4);
    expect(trend.steps).toEqual([
      { at: "2026-02-10T18:00:00.000Z", hostId: ids.gone, hostName: "gone", kind: "removed", deltaBytes: -6 * GB },
      { at: "2026-02-12T00:00:00.000Z", hostId: ids.moved, hostName: "moved", kind: "new_series", deltaBytes: 2 * GB - 31 * GB },
      { at: "2026-02-20T00:00:00.000Z", hostId: ids.added, hostName: "added", kind: "added", deltaBytes: 51 * GB },
    ]);
    // The chart drops the disabled host's bytes where it left.
    const at = (iso: string) => trend.series.find((p: { takenAt: string }) => p.takenAt === iso);
    const before = trend.series.filter((p: { at: number }) => p.at < Date.parse("2026-02-10T18:00:00Z")).at(-1);
    expect(before.totalBytes - at("2026-02-10T18:00:00.000Z").totalBytes).toBe(6 * GB);
  });

  it("measures one host over its current series only, and says when there is not enough of it", async () => {
    const moved = await trendOf(`&hostId=${ids.moved}`);
    expect(moved.growth).toMatchObject({ status: "measured", from: "2026-02-12T00:00:00.000Z", to: "2026-02-15T00:00:00.000Z" });
    expect(moved.growthBytesPerDay).toBeCloseTo(0.1 * GB, -3);
    expect(moved.steps.map((s: { kind: string }) => s.kind)).toEqual(["new_series"]);

    const young = (await host("young")).id;
    await saveSnapshot(young, poll("2026-02-27T10:00:00Z", GB));
    await saveSnapshot(young, poll("2026-02-27T10:40:00Z", 9 * GB));
    const trend = await trendOf(`&hostId=${young}`);
    expect(trend.growth).toEqual({ status: "not_enough_history", bytesPerDay: null, hostIds: [young], from: null, to: null });
    expect(trend.growthBytesPerDay).toBeNull();
  });

  it("applies the same rule on the fleet page: the fleet's day and each row's own series", async () => {
    const now = Date.now();
    const old = (await host("fleet-old")).id;
    for (const hoursAgo of [30, 12, 1]) await saveSnapshot(old, poll(now - hoursAgo * HOUR, (30 - hoursAgo) * 0.01 * GB));
    const fresh = (await host("fleet-fresh")).id;
    await saveSnapshot(fresh, poll(now - 2 * HOUR, 70 * GB));
    await saveSnapshot(fresh, poll(now - 0.5 * HOUR, 70 * GB));
    const { body } = await jsonOf(await fleetRoute(request("/api/fleet")));
    // Measured over the one host there all day and polled in it: never the one added 2 h ago, nor February's
    // hosts (no poll in the last day: their bytes are only held).
    expect(body.totals.growth).toMatchObject({ status: "measured", hostIds: [old] });
    expect(body.totals.growthBytesPerDay).toBeGreaterThan(0.2 * GB);
    expect(body.totals.growthBytesPerDay).toBeLessThan(0.4 * GB);
    expect(body.totals.steps).toMatchObject([{ hostName: "fleet-fresh", kind: "added", deltaBytes: 71 * GB }]);
    const row = (id: string) => body.hosts.find((h: { id: string }) => h.id === id);
    expect(row(fresh).growthBytesPerDay).toBeCloseTo(0, 6);
    expect(row(old).fill).toBeNull();
    // February's hosts have no poll in the last day: no rate of their own.
    expect(row(ids.steady).growthBytesPerDay).toBeNull();
  });
});
