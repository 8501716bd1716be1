import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { attribute, bytesByGroup, repositoryOf, splitEvenly, UNATTRIBUTED, type AttributionRow, type GroupBy } from "@/lib/analysis/attribution";
import { categoryTotals, COST_CATEGORIES } from "@/lib/analysis/cost";
import type { HostSnapshot } from "@/lib/collect/schema";
import { buildSnapshot, hex64, sha } from "@/tests/support/snapshotBuilder";

const PROJECT = "com.docker.compose.project";
const ALL_GROUP_BYS: GroupBy[] = ["host", "image", "repository", "container", "volume", "project", { label: "team" }];

const image = (name: string) => sha(`image:${name}`);
const volumeMount = (name: string) => ({ type: "volume", name, source: `/v/${name}`, destination: "/data" });

function byCategory(rows: AttributionRow[]) {
  const result: Record<string, number> = {};
  for (const row of rows) result[row.category] = (result[row.category] ?? 0) + row.bytes;
  return result;
}

function cell(rows: AttributionRow[], group: string, category: string) {
  return rows.find((row) => row.group === group && row.category === category)?.bytes ?? 0;
}

describe("attribute", () => {
  // Two images share a 100-byte base; a is used by team x, b by teams x and y.
  const shared = buildSnapshot({
    images: [
      {
        name: "a",
        tags: ["reg:5000/app/a:1"],
        layers: [
          { diff: "base", size: 100 },
          { diff: "a", size: 11 },
        ],
      },
      {
        name: "b",
        layers: [
          { diff: "base", size: 100 },
          { diff: "b", size: 20 },
        ],
      },
    ],
    containers: [
      { imageId: image("a"), labels: { team: "x" }, writableBytes: 5, logBytes: 3, name: "web" },
      { imageId: image("b"), labels: { team: "x" }, writableBytes: 7, name: "worker" },
      { imageId: image("b"), labels: { team: "y" }, writableBytes: 1, name: "cron", mounts: [volumeMount("data")] },
    ],
    volumes: [
      { name: "data", sizeBytes: 40 },
      { name: "owned", sizeBytes: 9, labels: { team: "z", [PROJECT]: "shop" } },
      { name: "orphan", sizeBytes: 4 },
    ],
    buildCache: [{ sizeBytes: 30 }, { sizeBytes: 1000, shared: true }],
  });

  it("gives each image its fair share of shared layers, split among the teams using it", () => {
    const rows = attribute(shared, { label: "team" });
    // a: 50 + 11 = 61 → x; b: 50 + 20 = 70 → split between x and y (35 each).
    expect(cell(rows, "x", "images")).toBe(61 + 35);
    expect(cell(rows, "y", "images")).toBe(35);
    expect(cell(rows, "x", "containers")).toBe(12);
    expect(cell(rows, "x", "logs")).toBe(3);
    expect(cell(rows, "y", "volumes")).toBe(40);
    expect(cell(rows, "z", "volumes")).toBe(9);
    expect(cell(rows, UNATTRIBUTED, "volumes")).toBe(4);
    expect(cell(rows, UNATTRIBUTED, "buildCache")).toBe(30);
  });

  it("puts an image's bytes on its own label before its containers' labels", () => {
    const snapshot = buildSnapshot({
      images: [{ name: "a", labels: { team: "platform" }, layers: [{ diff: "a", size: 50 }] }],
      containers: [{ imageId: image("a"), labels: { team: "x" } }],
    });
    expect(attribute(snapshot, { label: "team" })).toEqual([{ group: "platform", category: "images", bytes: 50 }]);
  });

  it("splits an odd byte count evenly and deterministically so nothing is lost", () => {
    expect([...splitEvenly(10, ["b", "a", "c", "a"])]).toEqual([
      ["a", 4],
      ["b", 3],
      ["c", 3],
    ]);
    expect([...splitEvenly(7, [])]).toEqual([[UNATTRIBUTED, 7]]);
  });

  it("gives everything, build cache included, to the host when grouping by host", () => {
    const rows = attribute(shared, "host", "alpha");
    expect(new Set(rows.map((row) => row.group))).toEqual(new Set(["alpha"]));
    expect(cell(rows, "alpha", "buildCache")).toBe(30);
  });

  it("groups by repository without the tag, even behind a registry port", () => {
    const rows = attribute(shared, "repository");
    expect(cell(rows, "reg:5000/app/a", "images")).toBe(61);
    expect(cell(rows, "b", "images")).toBe(70);
    expect(repositoryOf(shared.images[0])).toBe("reg:5000/app/a");
  });

  it("gives a dangling image's bytes to the repositories of its containers, else to unattributed", () => {
    const snapshot = buildSnapshot({ images: [{ name: "old", tags: [], layers: [{ diff: "o", size: 8 }] }] });
    expect(attribute(snapshot, "repository")).toEqual([{ group: UNATTRIBUTED, category: "images", bytes: 8 }]);
  });

  it("groups by compose project from containers and volumes", () => {
    const rows = attribute(shared, "project");
    expect(cell(rows, "shop", "volumes")).toBe(9);
    expect(cell(rows, UNATTRIBUTED, "images")).toBe(131);
  });

  it("groups by container and by volume", () => {
    const byContainer = attribute(shared, "container");
    expect(cell(byContainer, "web", "images")).toBe(61);
    expect(cell(byContainer, "worker", "images") + cell(byContainer, "cron", "images")).toBe(70);
    expect(cell(byContainer, "cron", "volumes")).toBe(40);
    const byVolume = attribute(shared, "volume");
    expect(cell(byVolume, "data", "volumes")).toBe(40);
    expect(cell(byVolume, UNATTRIBUTED, "images")).toBe(131);
  });

  it("reconciles to the engine's LayersSize when it sees more or fewer bytes than our layers", () => {
    // Bytes the engine counts beyond the listed layers (content blobs on the containerd store) are shared out among the images.
    const more = { ...shared, layersSizeBytes: shared.layersSizeBytes + 17 };
    expect(byCategory(attribute(more, "image")).images).toBe(shared.layersSizeBytes + 17);
    expect(cell(attribute(more, "image"), UNATTRIBUTED, "images")).toBe(0);
    const fewer = { ...shared, layersSizeBytes: 100 };
    expect(byCategory(attribute(fewer, "image")).images).toBe(100);
  });

  it("adds up bytes per group across categories", () => {
    const totals = bytesByGroup(attribute(shared, { label: "team" }));
    expect(totals.get("y")).toBe(35 + 1 + 40);
  });
});

// Random snapshots: images on a few shared bases, containers and volumes with random owners.
const team = fc.constantFrom<string | undefined>(undefined, "", "x", "y", "z");
const labelsOf = (value: string | undefined, project: string | undefined) => ({
  ...(value === undefined ? {} : { team: value }),
  ...(project === undefined ? {} : { [PROJECT]: project }),
});

const snapshotArb = fc
  .record({
    images: fc.array(fc.record({ base: fc.nat(2), own: fc.nat(10_000), tagged: fc.boolean(), team, project: team, intermediate: fc.boolean() }), {
      minLength: 1,
      maxLength: 6,
    }),
    containers: fc.array(
      fc.record({
        image: fc.nat(10),
        team,
        project: team,
        writable: fc.nat(5_000),
        log: fc.option(fc.nat(5_000)),
        mounts: fc.array(fc.nat(5), { maxLength: 3 }),
      }),
      { maxLength: 8 },
    ),
    volumes: fc.array(fc.record({ size: fc.option(fc.nat(9_999)), team, project: team }), { maxLength: 5 }),
    cache: fc.array(fc.record({ size: fc.nat(9_999), shared: fc.boolean() }), { maxLength: 4 }),
    engineDrift: fc.integer({ min: -500, max: 500 }),
  })
  .map((spec): HostSnapshot => {
    const snapshot = buildSnapshot({
      images: spec.images.map((img, index) => ({
        name: `img${index}`,
        tags: img.tagged ? [`repo${index % 3}:${index}`] : [],
        intermediate: img.intermediate,
        labels: labelsOf(img.team, img.project),
        layers: [
          { diff: `base${img.base}`, size: img.base * 1_003 + 7 },
          { diff: `own${index}`, size: img.own },
        ],
      })),
      containers: spec.containers.map((c, index) => ({
        id: hex64(`c${index}`),
        name: `c${index % 4}`,
        imageId: c.image < spec.images.length ? image(`img${c.image}`) : sha("gone"),
        labels: labelsOf(c.team, c.project),
        writableBytes: c.writable,
        logBytes: c.log,
        mounts: c.mounts.map((v) => volumeMount(`vol${v}`)),
      })),
      volumes: spec.volumes.map((v, index) => ({ name: `vol${index}`, sizeBytes: v.size, labels: labelsOf(v.team, v.project) })),
      buildCache: spec.cache.map((record) => ({ sizeBytes: record.size, shared: record.shared })),
    });
    return { ...snapshot, layersSizeBytes: Math.max(0, snapshot.layersSizeBytes + spec.engineDrift) };
  });

describe("attribute over random snapshots", () => {
  it("every breakdown adds up exactly to the snapshot's category totals, in whole non-negative bytes", () => {
    fc.assert(
      fc.property(snapshotArb, fc.constantFrom(...ALL_GROUP_BYS), (snapshot, groupBy) => {
        const rows = attribute(snapshot, groupBy);
        const totals = categoryTotals(snapshot);
        const sums = byCategory(rows);
        for (const category of COST_CATEGORIES) expect(sums[category] ?? 0).toBe(totals[category] ?? 0);
        for (const row of rows) {
          expect(Number.isInteger(row.bytes)).toBe(true);
          expect(row.bytes).toBeGreaterThan(0);
        }
        expect(new Set(rows.map((row) => `${row.group}/${row.category}`)).size).toBe(rows.length);
        if (groupBy === "host") expect(rows.every((row) => row.group === snapshot.engine.name)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
