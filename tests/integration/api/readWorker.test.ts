import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { POST as addHost } from "@/app/api/hosts/route";
import { POST as pollRoute } from "@/app/api/hosts/[hostId]/poll/route";
import { GET as getBuildCache } from "@/app/api/snapshots/[snapshotId]/build-cache/route";
import { GET as getContainers } from "@/app/api/snapshots/[snapshotId]/containers/route";
import { GET as getDuplicates } from "@/app/api/snapshots/[snapshotId]/duplicates/route";
import { GET as getImages } from "@/app/api/snapshots/[snapshotId]/images/route";
import { GET as getImage } from "@/app/api/snapshots/[snapshotId]/images/[imageId]/route";
import { GET as getLayers } from "@/app/api/snapshots/[snapshotId]/layers/route";
import { GET as getReclaimable } from "@/app/api/snapshots/[snapshotId]/reclaimable/route";
import { GET as getSharing } from "@/app/api/snapshots/[snapshotId]/sharing/route";
import { GET as getTreemap } from "@/app/api/snapshots/[snapshotId]/treemap/route";
import { GET as getVolumes } from "@/app/api/snapshots/[snapshotId]/volumes/route";
import { GET as costJson } from "@/app/api/reports/cost/route";
import { gunzipSync } from "node:zlib";
import { computeSuggestions } from "@/lib/actions/computeSuggestions";
import { currentSuggestions } from "@/lib/actions/currentSuggestions";
import { costReportAnswerFor } from "@/lib/api/costReportRequest";
import { fleetOverviewBody, hostListBody } from "@/lib/api/fleetListBodies";
import { fleetSharedLayersBody } from "@/lib/api/fleetSharedLayersBody";
import { trendsBody } from "@/lib/api/trendsBody";
import { cacheableViews } from "@/lib/api/cacheableViews";
import { db } from "@/lib/store/db";
import { runReadTask } from "@/lib/worker/readWorker";
import { params, request } from "@/tests/support/routes";
import { useFreshDatabase } from "@/tests/support/testDatabase";

// Issue 14: cost reports and the builds of cacheable snapshot views run in the read worker
// (lib/worker/readWorker.ts), off the request loop and off the store worker. Against the real scene
// engine and a real SQLite file: every answer equals the same build in process (BALLAST_WORKERS=off),
// and a read worker that dies fails only the requests it was building; the next request works.

type Route = (request: any, context: any) => Promise<Response>;
const shared = globalThis as unknown as { ballastReadWorkerEntry?: string; ballastViewResponses?: unknown };

describe("the read worker", () => {
  const dockerHost = inject("dockerHost");
  let cleanup: () => Promise<void>;
  let hostId: string;
  let snapshotId: string;
  const poll = async () => {
    const response = await pollRoute(request(`/api/hosts/${hostId}/poll`, { method: "POST" }), params({ hostId }));
    return ((await response.json()) as { snapshot: { id: string } }).snapshot.id;
  };
  /** A route's answer as sent: status, ETag and body text (a fresh response cache: built, not served). */
  const answer = async (route: Route, view: string, query = "", path: Record<string, string> = {}) => {
    shared.ballastViewResponses = undefined;
    const url = `/api/snapshots/${snapshotId}/${path.imageId ? `images/${path.imageId}` : view}${query}`;
    const response = await route(request(url), params({ snapshotId, ...path }));
    return { status: response.status, etag: response.headers.get("etag"), body: await response.text() };
  };
  let imageId = "";
  const views: [Route, string, string?, (() => Record<string, string>)?][] = [
    [getImages, "images"],
    [getLayers, "layers"],
    [getReclaimable, "reclaimable"],
    [getDuplicates, "duplicates"],
    [getContainers, "containers"],
    [getBuildCache, "build-cache"],
    [getSharing, "sharing", "?sortBy=unique&topN=3"],
    [getTreemap, "treemap"],
    [getTreemap, "treemap", "?focus=repo:nonexistent"],
    [getImage, "image", "", () => ({ imageId })],
    [getImage, "image", "?missing", () => ({ imageId: "0".repeat(64) })],
  ];

  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase());
    const created = await addHost(request("/api/hosts", { method: "POST", body: { name: "scene", endpoint: dockerHost } }));
    hostId = ((await created.json()) as { host: { id: string } }).host.id;
    await poll();
    snapshotId = await poll();
    const images = await getImages(request(`/api/snapshots/${snapshotId}/images`), params({ snapshotId }));
    imageId = ((await images.json()) as { images: { id: string }[] }).images[0].id.replace("sha256:", "");
  });
  afterAll(async () => cleanup());
  afterEach(() => {
    delete process.env.BALLAST_WORKERS;
    delete shared.ballastReadWorkerEntry;
  });

  it("names every cacheable view the routes serve", () => {
    expect(new Set(views.map(([, view]) => view))).toEqual(new Set(Object.keys(cacheableViews)));
  });

  it("builds every cacheable view's answer, byte for byte and with its ETag, as the same build in process", async () => {
    for (const [route, view, query, path] of views) {
      process.env.BALLAST_WORKERS = "on";
      const inWorker = await answer(route, view, query, path?.());
      process.env.BALLAST_WORKERS = "off";
      const inProcess = await answer(route, view, query, path?.());
      expect(inWorker).toEqual(inProcess);
      expect(inWorker.status).toBe(query?.includes("nonexistent") || query === "?missing" ? 404 : 200);
    }
    // Volumes are built per request (they read the host's history), in the worker all the same.
    process.env.BALLAST_WORKERS = "on";
    const volumesInWorker = await answer(getVolumes, "volumes");
    process.env.BALLAST_WORKERS = "off";
    expect(volumesInWorker).toEqual(await answer(getVolumes, "volumes"));
    expect([volumesInWorker.status, JSON.parse(volumesInWorker.body).volumes.length > 0]).toEqual([200, true]);
  });

  it("computes a snapshot's suggestions and the fleet's shared layers as the main thread does", async () => {
    const input = { snapshotId, pricePerGbMonth: 0.25 };
    const suggestions = await runReadTask("suggestions", input);
    expect(suggestions?.length).toBeGreaterThan(0);
    expect(suggestions).toEqual(await computeSuggestions(input));
    // Stored once (by whichever thread came first): both threads list the same rows.
    const listed = await runReadTask("currentSuggestions", hostId);
    expect(listed?.length).toBeGreaterThan(0);
    expect(listed).toEqual(await currentSuggestions(hostId));
    expect(await runReadTask("currentSuggestions", "no-such-host")).toBeNull();
    const [inWorker, inProcess] = [await runReadTask("fleetSharedLayers", null), await fleetSharedLayersBody()];
    expect(inWorker.etag).toBe(inProcess.etag);
    expect(JSON.parse(gunzipSync(inWorker.gzip).toString())).toEqual(JSON.parse(gunzipSync(inProcess.gzip).toString()));
    expect(JSON.parse(gunzipSync(inWorker.gzip).toString()).hostsRead).toBe(1);
    // The host list and the fleet overview (which computes and stores suggestions in the worker).
    const gunzipped = (body: { gzip: Uint8Array }) => JSON.parse(gunzipSync(body.gzip).toString());
    expect(gunzipped(await runReadTask("hostList", null))).toEqual(gunzipped(await hostListBody()));
    // The growth window ends at each build's now: compared without it.
    const withoutWindow = (fleet: { totals: { window: unknown } }) => ({ ...fleet, totals: { ...fleet.totals, window: null } });
    const fleetInWorker = gunzipped(await runReadTask("fleet", null));
    expect(fleetInWorker.hosts[0].reclaimableBytes).toBeGreaterThan(0);
    expect(withoutWindow(fleetInWorker)).toEqual(withoutWindow(gunzipped(await fleetOverviewBody())));
    // Trends: every poll's totals of every host in range, for the fleet and for the host.
    for (const hostScope of [undefined, hostId]) {
      const query = { from: new Date(Date.now() - 3_600_000), to: new Date(Date.now() + 60_000), hostId: hostScope };
      const [trendInWorker, trendInProcess] = [await runReadTask("trends", query), await trendsBody(query)];
      if (trendInWorker.kind !== "body" || trendInProcess.kind !== "body") throw new Error("no trend");
      // The series is held until now, which moves between the two: compared without that last point.
      const parsed = (gzip: Uint8Array) => {
        const { trend, fills } = JSON.parse(gunzipSync(gzip).toString());
        return { ...trend, series: trend.series.slice(0, -1), fills };
      };
      expect(parsed(trendInWorker.gzip)).toEqual(parsed(trendInProcess.gzip));
      expect(parsed(trendInWorker.gzip).series.length).toBeGreaterThan(0);
    }
  });

  it("warms its report queries up (the server's start) and reports as before", async () => {
    expect(await runReadTask("warmUp", null)).toBe(true);
  });

  it("builds the same cost report as the main thread", async () => {
    const query = { from: new Date(Date.now() - 3_600_000), to: new Date(Date.now() + 60_000) };
    for (const groupBy of ["host", "image", { label: "team" }] as const) {
      const inWorker = await runReadTask("costReport", { ...query, groupBy });
      expect(inWorker.report.rows.length).toBeGreaterThan(0);
      expect(inWorker).toEqual(await costReportAnswerFor({ ...query, groupBy }));
    }
  });

  it("has snapshots stored without aggregates backfilled (by the store worker) and reports the same figures", async () => {
    const query = { from: new Date(Date.now() - 3_600_000), to: new Date(Date.now() + 60_000), groupBy: "image" as const };
    const before = await runReadTask("costReport", query);
    await db().snapshotAggregate.deleteMany({ where: { hostId } });
    await db().aggregateInForce.deleteMany({ where: { hostId } });
    await db().aggregateDay.deleteMany({ where: { hostId } });
    await db().snapshot.updateMany({ where: { hostId }, data: { aggregatesVersion: null } });
    expect(await runReadTask("costReport", query)).toEqual(before);
    expect(await db().snapshot.count({ where: { hostId, status: "ok", aggregatesVersion: null } })).toBe(0);
  });

  it("that dies fails only the requests it was building, keeps none of them, and the next request works", async () => {
    const before = await answer(getImages, "images");
    // A new thread, started from the dying entry (the pool starts one when the old has exited).
    const { closeReadWorker } = await import("@/lib/worker/readWorker");
    await closeReadWorker();
    shared.ballastReadWorkerEntry = path.resolve(import.meta.dirname, "../../support/dyingReadWorker.ts");
    shared.ballastViewResponses = undefined;
    const url = (view: string) => request(`/api/snapshots/${snapshotId}/${view}`);
    const [images, layers, volumes] = await Promise.all([
      getImages(url("images"), params({ snapshotId })),
      getLayers(url("layers"), params({ snapshotId })),
      getVolumes(url("volumes"), params({ snapshotId })),
    ]);
    expect([images.status, layers.status, volumes.status]).toEqual([500, 500, 500]);
    expect(((await images.json()) as { error: { code: string } }).error.code).toBe("internal_error");
    // Work that is not the read worker's went on: a poll in the store worker.
    expect(await poll()).toMatch(/\w/);
    const report = await costJson(request("/api/reports/cost?from=2026-01-01&to=2026-01-02"));
    expect(report.status).toBe(500);

    delete shared.ballastReadWorkerEntry;
    const again = await getImages(url("images"), params({ snapshotId }));
    expect(again.status).toBe(200);
    expect(again.headers.get("etag")).toBe(before.etag);
    expect(await again.text()).toBe(before.body);
    expect((await costJson(request("/api/reports/cost?from=2026-01-01&to=2026-01-02"))).status).toBe(200);
  });
});
