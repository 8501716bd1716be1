import { describe, expect, it } from "vitest";
import { DEFAULT_STRATEGY_SETTINGS as settings } from "@/lib/analysis/strategies/types";
import { unusedVolumesAnonymous, unusedVolumesNamed } from "@/lib/analysis/strategies/volumes";
import { buildSnapshot } from "@/tests/support/snapshotBuilder";

const snapshot = buildSnapshot({
  images: [],
  volumes: [
    { name: "anon1", anonymous: true, sizeBytes: 100 },
    { name: "anon2", anonymous: true, sizeBytes: null },
    { name: "anon-used", anonymous: true, refCount: 1, sizeBytes: 1_000 },
    { name: "anon-kept", anonymous: true, sizeBytes: 1_000, labels: { "ballast.protect": "true" } },
    { name: "pgdata", sizeBytes: 5_000 },
    { name: "pg-used", refCount: 2, sizeBytes: 9_000 },
    { name: "pg-kept", sizeBytes: 9_000, labels: { "ballast.protect": "1" } },
  ],
});
const names = (suggestion: { targets: { name: string }[] }) => suggestion.targets.map((target) => target.name);

describe("unusedVolumesAnonymous", () => {
  it("targets unreferenced, unprotected anonymous volumes, counting unknown sizes as 0", () => {
    const suggestion = unusedVolumesAnonymous(snapshot, settings);
    expect(suggestion).toMatchObject({ strategy: "unused_volumes_anonymous", bytes: 100, risk: "low", actionable: true });
    expect(names(suggestion)).toEqual(["anon1", "anon2"]);
    expect(suggestion.targets[0]).toEqual({ kind: "volume", id: "anon1", name: "anon1", bytes: 100 });
    expect(suggestion.reason).toMatch(/size of 1 volume is unknown/);
  });
});

describe("unusedVolumesNamed", () => {
  it("lists named volumes as advice only while named volumes are excluded (the default)", () => {
    const suggestion = unusedVolumesNamed(snapshot, settings);
    expect(suggestion).toMatchObject({ strategy: "unused_volumes_named", bytes: 5_000, risk: "high", actionable: false });
    expect(names(suggestion)).toEqual(["pgdata"]);
    expect(suggestion.reason).toMatch(/kept by default/);
  });

  it("makes them actionable, still high risk, when named volumes are included", () => {
    const suggestion = unusedVolumesNamed(snapshot, { ...settings, includeNamedVolumes: true });
    expect(suggestion).toMatchObject({ actionable: true, risk: "high" });
    expect(names(suggestion)).toEqual(["pgdata"]);
  });
});
