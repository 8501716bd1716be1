import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { infoResponse } from "@/lib/collect/engineResponses";
import { imageStoreOf } from "@/lib/collect/imageStore";

const info = (name: string) => infoResponse.parse(JSON.parse(fs.readFileSync(`tests/fixtures/engines/${name}.info.json`, "utf8")));

describe("image store detection", () => {
  it.each([
    ["docker-20.10-overlay2", "graphdriver"],
    ["docker-26.1-overlay2", "graphdriver"],
    ["docker-28.5-overlay2", "graphdriver"],
    ["docker-26.1-containerd", "containerd"],
    ["docker-28.5-containerd", "containerd"],
  ])("tells %s's store from its /info", (name, store) => {
    expect(imageStoreOf(info(name))).toBe(store);
  });

  it("falls back to the driver's name when DriverStatus says nothing", () => {
    expect(imageStoreOf({ Driver: "overlayfs", DriverStatus: null })).toBe("containerd");
    expect(imageStoreOf({ Driver: "btrfs", DriverStatus: [["driver-type", "io.containerd.snapshotter.v1"]] })).toBe("containerd");
    expect(imageStoreOf({ Driver: "btrfs", DriverStatus: [["Build Version", "6"]] })).toBe("graphdriver");
  });
});
