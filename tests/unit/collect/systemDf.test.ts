import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { systemDfResponse } from "@/lib/collect/engineResponses";
import { parseSystemDf, systemDfQuery } from "@/lib/collect/systemDf";

const fixture = (name: string) => JSON.parse(fs.readFileSync(`tests/fixtures/engines/${name}`, "utf8"));
const ENGINES = ["docker-20.10-overlay2", "docker-26.1-overlay2", "docker-28.5-overlay2", "docker-26.1-containerd", "docker-28.5-containerd"];

describe("/system/df in both shapes", () => {
  it.each(ENGINES)("reads the legacy shape %s recorded", (name) => {
    const raw = fixture(`${name}.system-df.json`);
    const parsed = parseSystemDf(raw);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.df.LayersSize).toBe(raw.LayersSize);
    expect(parsed.df.Images?.map((image) => [image.Id, image.Size, image.SharedSize])).toEqual(raw.Images.map((i: any) => [i.Id, i.Size, i.SharedSize]));
  });

  it("maps API 1.52's ImageUsage/ContainerUsage/VolumeUsage/BuildCacheUsage (written from moby's API definition) to the same figures", () => {
    const legacy = parseSystemDf(fixture("docker-28.5-containerd.system-df.json"));
    const current = parseSystemDf(fixture("api-1.52.system-df.from-moby-api-definition.json"));
    expect(current.ok && legacy.ok).toBe(true);
    if (!current.ok || !legacy.ok) return;
    // LayersSize corresponds to ImageUsage.TotalSize (moby system_routes.go).
    expect(current.df).toEqual(legacy.df);
  });

  it("reads 1.52 without Items (not verbose) as empty lists, and omitted zero totals as 0", () => {
    const parsed = parseSystemDf({ ImageUsage: { TotalCount: 0 }, ContainerUsage: {}, VolumeUsage: {}, BuildCacheUsage: {} });
    expect(parsed).toEqual({ ok: true, df: { LayersSize: 0, Images: [], Containers: [], Volumes: [], BuildCache: [] } });
  });

  it("prefers the legacy fields when a 1.52 engine sends both shapes", () => {
    const legacy = fixture("docker-28.5-overlay2.system-df.json");
    const parsed = parseSystemDf({ ...legacy, ImageUsage: { TotalSize: 1 } });
    expect(parsed.ok && parsed.df.LayersSize).toBe(legacy.LayersSize);
  });

  it("names the field that fits neither shape", () => {
    expect(parseSystemDf({ LayersSize: "big" })).toMatchObject({ ok: false, message: expect.stringContaining("LayersSize") });
    expect(parseSystemDf({ ImageUsage: { TotalSize: "big" } })).toMatchObject({ ok: false, message: expect.stringContaining("ImageUsage.TotalSize") });
    expect(systemDfResponse.safeParse(null).success).toBe(false);
  });

  it("asks for per-item lists with verbose=1 only from API 1.52 on", () => {
    expect(systemDfQuery("1.51")).toEqual({});
    expect(systemDfQuery("1.52")).toEqual({ verbose: 1 });
  });
});
