import { describe, expect, it } from "vitest";
import type { Container } from "@/lib/collect/schema";
import { volumeLastUsers } from "@/lib/analysis/volumeHistory";
import { buildSnapshot, hex64, sha } from "@/tests/support/snapshotBuilder";

const images = [{ name: "app", layers: [{ diff: "a", size: 1 }] }];
const volumeMount = (name: string) => ({ type: "volume", name, source: `/var/lib/docker/volumes/${name}/_data`, destination: "/data" });
const bindMount = { type: "bind", name: null, source: "/srv", destination: "/srv" };

function container(name: string, mounts: Container["mounts"], createdAt = "2026-01-01T00:00:00.000Z"): Partial<Container> {
  return { id: hex64(`container:${name}`), name, imageId: sha(`image:${name}-image`), image: `${name}-image:1`, mounts, createdAt };
}

describe("volumeLastUsers", () => {
  it("finds the last container that mounted a volume in an earlier snapshot", () => {
    const history = [
      buildSnapshot({
        images,
        takenAt: "2026-01-01T10:00:00.000Z",
        containers: [container("db", [volumeMount("pgdata")])],
        volumes: [{ name: "pgdata" }],
      }),
      buildSnapshot({
        images,
        takenAt: "2026-01-02T10:00:00.000Z",
        containers: [container("db2", [volumeMount("pgdata")])],
        volumes: [{ name: "pgdata" }],
      }),
      buildSnapshot({ images, takenAt: "2026-01-03T10:00:00.000Z", volumes: [{ name: "pgdata" }] }),
    ];
    expect(volumeLastUsers(history)).toEqual([
      {
        volumeName: "pgdata",
        inUseNow: false,
        lastUser: {
          containerId: hex64("container:db2"),
          containerName: "db2",
          imageId: sha("image:db2-image"),
          image: "db2-image:1",
          seenAt: "2026-01-02T10:00:00.000Z",
        },
      },
    ]);
  });

  it("returns null for a volume no container was ever seen mounting, and ignores bind mounts", () => {
    const history = [
      buildSnapshot({
        images,
        containers: [container("web", [{ ...bindMount, name: "cache" }, bindMount])],
        volumes: [{ name: "cache", anonymous: true }],
      }),
    ];
    expect(volumeLastUsers(history)).toEqual([{ volumeName: "cache", lastUser: null, inUseNow: false }]);
  });

  it("reports a volume in use now with the latest snapshot's time", () => {
    const history = [
      buildSnapshot({ images, takenAt: "2026-01-01T00:00:00.000Z", containers: [container("a", [volumeMount("v")])], volumes: [{ name: "v" }] }),
      buildSnapshot({ images, takenAt: "2026-01-05T00:00:00.000Z", containers: [container("a", [volumeMount("v")])], volumes: [{ name: "v" }] }),
    ];
    const [row] = volumeLastUsers(history);
    expect(row).toMatchObject({ inUseNow: true, lastUser: { containerName: "a", seenAt: "2026-01-05T00:00:00.000Z" } });
  });

  it("picks the most recently created of several containers sharing a volume in one snapshot", () => {
    const history = [
      buildSnapshot({
        images,
        containers: [container("new", [volumeMount("v")], "2026-01-02T00:00:00-03:00"), container("old", [volumeMount("v")], "2026-01-02T02:00:00.000Z")],
        volumes: [{ name: "v" }],
      }),
    ];
    // 00:00 at −03:00 is 03:00 UTC, later than 02:00 UTC.
    expect(volumeLastUsers(history)[0].lastUser?.containerName).toBe("new");
  });

  it("lists only volumes of the latest snapshot, and nothing for no history", () => {
    const history = [
      buildSnapshot({ images, containers: [container("a", [volumeMount("gone")])], volumes: [{ name: "gone" }] }),
      buildSnapshot({ images, volumes: [{ name: "fresh" }] }),
    ];
    expect(volumeLastUsers(history).map((row) => row.volumeName)).toEqual(["fresh"]);
    expect(volumeLastUsers([])).toEqual([]);
  });
});
