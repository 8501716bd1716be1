import fs from "node:fs";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { POST as addHost } from "@/app/api/hosts/route";
import { POST as pollRoute } from "@/app/api/hosts/[hostId]/poll/route";
import { PATCH as hostSettings } from "@/app/api/hosts/[hostId]/settings/route";
import { GET as costJson } from "@/app/api/reports/cost/route";
import { GET as costCsv } from "@/app/api/reports/cost.csv/route";
import { GET as trends } from "@/app/api/trends/route";
import { categoryTotals, totalBytes } from "@/lib/analysis/cost";
import type { HostSnapshot } from "@/lib/collect/schema";
import { saveSnapshot } from "@/lib/store/snapshotWriter";
import { jsonOf, params, request } from "@/tests/support/routes";
import { useFreshDatabase } from "@/tests/support/testDatabase";

const scene = JSON.parse(fs.readFileSync("tests/fixtures/scene-20.10.json", "utf8")) as HostSnapshot;
const FEB = "from=2026-02-01&to=2026-03-01";
const FORMULA = '=HYPERLINK("http://x")';

/** The recorded scene at another time; `grow` adds bytes to the first volume, `team` relabels bt-writer. */
function sceneAt(takenAt: string, grow = 0, team?: string): HostSnapshot {
  const copy = structuredClone(scene);
  copy.takenAt = takenAt;
  copy.volumes[0].sizeBytes = (copy.volumes[0].sizeBytes ?? 0) + grow;
  if (team) copy.containers.find((c) => c.name === "bt-writer")!.labels.team = team;
  return copy;
}

type CsvRow = Record<string, string>;
async function report(query: string) {
  const json = await jsonOf(await costJson(request(`/api/reports/cost?${query}`)));
  const csvResponse = await costCsv(request(`/api/reports/cost.csv?${query}`));
  const csv = parse(await csvResponse.text(), { columns: true }) as CsvRow[];
  return { json, csv, csvResponse };
}

describe("cost reports and trends through the public API", () => {
  const dockerHost = inject("dockerHost");
  let cleanup: () => Promise<void>;
  let recordedId: string;
  const feb = [sceneAt("2026-01-20T00:00:00Z"), sceneAt("2026-02-08T00:00:00Z", 7_000_000), sceneAt("2026-02-15T12:00:00Z", 3_000_000, FORMULA)];

  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase());
    const live = await jsonOf(await addHost(request("/api/hosts", { method: "POST", body: { name: "scene", endpoint: dockerHost } })));
    const liveId = live.body.host.id;
    expect((await pollRoute(request(`/api/hosts/${liveId}/poll`, { method: "POST" }), params({ hostId: liveId }))).status).toBe(200);
    const recorded = await jsonOf(await addHost(request("/api/hosts", { method: "POST", body: { name: "recorded", endpoint: "tcp://127.0.0.1:9" } })));
    recordedId = recorded.body.host.id;
    for (const snapshot of feb) await saveSnapshot(recordedId, snapshot);
  });
  afterAll(async () => cleanup());

  it("charges February for the recorded snapshots, time-weighted, with the January one carried in", async () => {
    const { json } = await report(`${FEB}&groupBy=host`);
    const [jan, feb8, feb15] = feb.map((s) => totalBytes(categoryTotals(s)));
    const hours = 28 * 24;
    const expected = (jan * (7 * 24) + feb8 * (7.5 * 24) + feb15 * (13.5 * 24)) / hours;
    expect(json.body.report.period).toBe("2026-02");
    expect(json.body.report.rows.map((r: { group: string }) => r.group)).toEqual(["recorded"]);
    expect(json.body.report.total.averageBytes).toBeCloseTo(expected, 3);
    expect(json.body.report.total.cost).toBeCloseTo((expected / 1e9) * 0.04 * (hours / 730), 12);
    expect(json.body.report.hosts.find((h: { hostName: string }) => h.hostName === "recorded")).toMatchObject({ snapshotsInRange: 3, snapshotsUsed: 3 });
  });

  for (const groupBy of ["host", "image", "repository", "container", "volume", "project", "label:team"]) {
    it(`groupBy=${groupBy}: the CSV parsed back equals the JSON rows, and the rows sum to the total`, async () => {
      const { json, csv, csvResponse } = await report(`${FEB}&groupBy=${groupBy}`);
      const { rows, total } = json.body.report;
      expect(csvResponse.headers.get("content-type")).toMatch(/^text\/csv/);
      expect(csvResponse.headers.get("content-disposition")).toBe('attachment; filename="ballast-cost-2026-02.csv"');
      expect(csv.map((r) => Object.keys(r))[0]).toEqual(["period", "group", "average_bytes", "peak_bytes", "gb_months", "cost", "currency"]);
      expect(csv).toHaveLength(rows.length);
      csv.forEach((line, i) => {
        const row = rows[i];
        expect(line.group).toBe(row.group.startsWith("=") ? `'${row.group}` : row.group);
        expect([line.period, line.currency, Number(line.average_bytes)]).toEqual([row.period, "USD", Math.round(row.averageBytes)]);
        expect([Number(line.peak_bytes), Number(line.gb_months), Number(line.cost)]).toEqual([row.peakBytes, row.gbMonths, row.cost]);
      });
      const csvCost = csv.reduce((sum, r) => sum + Number(r.cost), 0);
      expect(csvCost).toBeCloseTo(total.cost, 12);
      expect(rows.reduce((sum: number, r: { averageBytes: number }) => sum + r.averageBytes, 0)).toBeCloseTo(total.averageBytes, 3);
      expect(csv.reduce((sum, r) => sum + Number(r.average_bytes), 0)).toBeCloseTo(total.averageBytes, -1);
    });
  }

  it("splits by team label with bytes nobody labelled as unattributed, and neutralises formula cells", async () => {
    const { json, csv } = await report(`${FEB}&groupBy=label:team`);
    const groups = json.body.report.rows.map((r: { group: string }) => r.group);
    expect(groups).toEqual(expect.arrayContaining(["alpha", "beta", FORMULA]));
    expect(groups.at(-1)).toBe("unattributed");
    expect(csv.map((r) => r.group)).toContain(`'${FORMULA}`);
  });

  it("a host's new price changes its cost in proportion, and bad prices are refused", async () => {
    const before = (await report(`${FEB}&groupBy=host`)).json.body.report.total.cost;
    const patch = (body: unknown, hostId = recordedId, headers?: Record<string, string>) =>
      hostSettings(request(`/api/hosts/${hostId}/settings`, { method: "PATCH", body, headers }), params({ hostId }));
    const updated = await jsonOf(await patch({ pricePerGbMonth: 0.1 }));
    expect(updated.body.host.pricePerGbMonth).toBe(0.1);
    expect((await report(`${FEB}&groupBy=host`)).json.body.report.total.cost).toBeCloseTo(before * 2.5, 12);
    const cases: [Response, number, string][] = [
      [await patch({ pricePerGbMonth: -1 }), 400, "invalid_body"],
      [await patch({ price: 1 }), 400, "invalid_body"],
      [await patch({ pricePerGbMonth: 1 }, "nope"), 404, "not_found"],
      [await patch({ pricePerGbMonth: 1 }, recordedId, { origin: "https://evil.example" }), 403, "forbidden"],
    ];
    for (const [response, status, code] of cases) expect([response.status, (await response.json()).error.code]).toEqual([status, code]);
    expect((await jsonOf(await patch({ pricePerGbMonth: null }))).body.host.pricePerGbMonth).toBeNull();
  });

  it("serves the fleet trend with the carried-in point, growth per day and no fill date without the agent", async () => {
    const { status, body } = await jsonOf(await trends(request(`/api/trends?${FEB}`)));
    expect(status).toBe(200);
    const { series, growthBytesPerDay, fillDate, diskKnown, scope } = body.trend;
    expect(scope).toBe("fleet");
    expect(series.map((p: { takenAt: string }) => p.takenAt)).toEqual([
      "2026-02-01T00:00:00.000Z",
      "2026-02-08T00:00:00.000Z",
      "2026-02-15T12:00:00.000Z",
      "2026-03-01T00:00:00.000Z",
    ]);
    expect(series[3].totalBytes).toBe(series[2].totalBytes);
    expect(series[1].volumes - series[0].volumes).toBe(7_000_000);
    expect(growthBytesPerDay).toBeGreaterThan(0);
    expect([fillDate, diskKnown]).toEqual([null, false]);
  });

  it("serves one host's trend for the current month from its real poll", async () => {
    const now = new Date();
    const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();
    const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString();
    const hosts = await import("@/lib/store/hosts");
    const live = (await hosts.getHostByName("scene"))!;
    const { body } = await jsonOf(await trends(request(`/api/trends?from=${from}&to=${to}&hostId=${live.id}`)));
    expect(body.trend.series.length).toBeGreaterThanOrEqual(1);
    expect(body.trend.series.at(-1).images).toBeGreaterThan(0);
    const { json, csv } = await report(`from=${from}&to=${to}&groupBy=project`);
    expect(csv.reduce((sum, r) => sum + Number(r.cost), 0)).toBeCloseTo(json.body.report.total.cost, 12);
  });

  it("rejects bad queries with 400 (404 for an unknown host) and a JSON error", async () => {
    const bad = [
      "to=2026-03-01",
      "from=yesterday&to=2026-03-01",
      "from=2026-03-01&to=2026-02-01",
      "from=2020-01-01&to=2026-03-01",
      `${FEB}&groupBy=label:`,
      `${FEB}&groupBy=label:bad%20key!`,
      `${FEB}&groupBy=team`,
    ];
    for (const query of bad) {
      for (const route of [costJson, costCsv]) {
        const response = await route(request(`/api/reports/cost?${query}`));
        expect([query, response.status, (await response.json()).error.code]).toEqual([query, 400, "invalid_query"]);
      }
    }
    expect((await trends(request(`/api/trends?${FEB}&hostId=x%20y`))).status).toBe(400);
    expect((await trends(request(`/api/trends?${FEB}&hostId=unknown`))).status).toBe(404);
  });
});
