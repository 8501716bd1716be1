import { describe, expect, it } from "vitest";
import { partsChangedBy, partsToRead, PART_KINDS } from "@/lib/collect/readPlan";

const at = (iso: string) => ({ images: iso, containers: iso, volumes: iso, buildCache: iso });
const NOW = Date.parse("2026-12-01T12:00:00Z");

describe("which parts a poll reads", () => {
  it("reads everything on a fresh poll, without a previous poll, or when the events are unknown", () => {
    const readAt = at("2026-12-01T11:59:00Z");
    for (const input of [
      { readAt, changed: new Set<never>(), fresh: true },
      { readAt: null, changed: new Set<never>(), fresh: false },
      { readAt, changed: null, fresh: false },
    ])
      expect([...partsToRead({ ...input, nowMs: NOW, maxAgeSec: 1800 })]).toEqual([...PART_KINDS]);
  });

  it("reads only the changed parts and those older than the maximum age", () => {
    const readAt = { ...at("2026-12-01T11:55:00Z"), volumes: "2026-12-01T11:25:00Z" };
    expect([...partsToRead({ readAt, changed: new Set(["images"] as const), nowMs: NOW, maxAgeSec: 1800, fresh: false })]).toEqual(["images", "volumes"]);
    expect([...partsToRead({ readAt, changed: new Set(), nowMs: NOW, maxAgeSec: 3600, fresh: false })]).toEqual([]);
  });

  it("maps engine events to the parts they change; exec and health checks change none", () => {
    expect(partsChangedBy({ Type: "image", Action: "tag" })).toEqual(["images", "buildCache"]);
    expect(partsChangedBy({ Type: "container", Action: "create" })).toEqual(["containers", "volumes"]);
    expect(partsChangedBy({ Type: "container", Action: "die" })).toEqual(["containers"]);
    expect(partsChangedBy({ Type: "container", Action: "exec_start: sh -c true" })).toEqual([]);
    expect(partsChangedBy({ Type: "container", Action: "health_status: healthy" })).toEqual([]);
    expect(partsChangedBy({ Type: "volume", Action: "mount" })).toEqual(["volumes"]);
    expect(partsChangedBy({ Type: "network", Action: "connect" })).toEqual([]);
  });
});
