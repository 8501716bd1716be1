import { describe, expect, it } from "vitest";
import { intermediateImageIds, isoOrNull, mapBuildCache, mapContainer, mapVolume, stableStatus } from "@/lib/collect/engineMappers";

const ID = "a".repeat(64);

describe("engine mappers", () => {
  it("marks untagged images with children as intermediate, but not dangling leaves or digest-only images", () => {
    const image = (Id: string, ParentId: string, RepoTags: string[] | null, RepoDigests: string[] | null = null) => ({
      Id,
      ParentId,
      RepoTags,
      RepoDigests,
      Created: 0,
      Size: 0,
      Labels: null,
    });
    const ids = intermediateImageIds([
      image("p", "", ["<none>:<none>"]),
      image("c", "p", ["app:1"]),
      image("leaf", "p", null),
      image("d", "", null, ["repo@sha256:x"]),
      image("dc", "d", ["other:1"]),
    ]);
    expect([...ids]).toEqual(["p"]);
  });

  it("treats a 64-hex name or the anonymous label as an anonymous volume, -1 size as unknown", () => {
    const volume = mapVolume({
      Name: "b".repeat(64),
      Driver: "local",
      Mountpoint: "/m",
      CreatedAt: "2026-11-23T14:41:48Z",
      Labels: null,
      UsageData: { Size: -1, RefCount: -1 },
    });
    expect(volume).toMatchObject({ anonymous: true, sizeBytes: null, refCount: 0, createdAt: "2026-11-23T14:41:48.000Z" });
    expect(mapVolume({ Name: "data", Driver: "local", Mountpoint: "/m", Labels: { "com.docker.volume.anonymous": "" } }).anonymous).toBe(true);
    expect(mapVolume({ Name: "data", Driver: "local", Mountpoint: "/m", Labels: {} }).anonymous).toBe(false);
  });

  it("reads build cache parents from API 1.41 Parent and 1.42+ Parents, and Docker's zero time as null", () => {
    const base = { ID: "x", Type: "regular", Description: "", InUse: false, Shared: true, Size: 5, UsageCount: 1 };
    expect(mapBuildCache({ ...base, Parent: "p", LastUsedAt: "0001-01-01T00:00:00Z" })).toMatchObject({ parents: ["p"], lastUsedAt: null, shared: true });
    expect(mapBuildCache({ ...base, Parents: ["a", "b"] }).parents).toEqual(["a", "b"]);
    expect(isoOrNull("not a time")).toBeNull();
  });

  it("maps a container with its log settings, and tolerates a vanished one", () => {
    const df = {
      Id: ID,
      Names: ["/web"],
      Image: "app:1",
      ImageID: "sha256:i",
      Command: "sh",
      Created: 1_700_000_000,
      State: "exited",
      Status: "Exited (0)",
      Labels: null,
      Mounts: [{ Type: "volume", Name: "data", Source: "/s", Destination: "/d" }],
    };
    const inspect = {
      Id: ID,
      LogPath: `/var/lib/docker/containers/${ID}/${ID}-json.log`,
      HostConfig: { LogConfig: { Type: "json-file", Config: { "max-size": "10m" } } },
    };
    expect(mapContainer(df, inspect, "json-file")).toMatchObject({
      name: "web",
      writableBytes: 0,
      logDriver: "json-file",
      logOptions: { "max-size": "10m" },
      logPath: inspect.LogPath,
      mounts: [{ name: "data" }],
    });
    expect(mapContainer(df, null, "json-file")).toMatchObject({ logDriver: null, logPath: null });
  });
});

describe("stableStatus", () => {
  it.each([
    ["Up 2 hours", "Up"],
    ["Up About a minute (healthy)", "Up (healthy)"],
    ["Up Less than a second", "Up"],
    ["Exited (0) 3 days ago", "Exited (0)"],
    ["Restarting (1) Less than a second ago", "Restarting (1)"],
    ["Up 5 weeks (Paused)", "Up (Paused)"],
    ["Created", "Created"],
  ])("%s → %s", (status, expected) => {
    expect(stableStatus(status)).toBe(expected);
  });
});
