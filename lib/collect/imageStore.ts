// Which image store an engine runs: the classic graph driver (overlay2 …) or the containerd image store
// (the default for new installs since Docker 29). They count image bytes differently (docs/engines.md).

export type ImageStore = "graphdriver" | "containerd";

// Snapshotter names that are no graph driver's name; btrfs/zfs/fuse-overlayfs exist as both, so only
// DriverStatus can tell those apart.
const SNAPSHOTTERS = new Set(["overlayfs", "native", "stargz"]);

/** `/info` DriverStatus has ["driver-type", "io.containerd.snapshotter.v1"] on the containerd store. */
export function imageStoreOf(info: { Driver: string; DriverStatus?: string[][] | null }): ImageStore {
  const driverType = (info.DriverStatus ?? []).find((pair) => pair[0] === "driver-type")?.[1] ?? "";
  if (driverType.startsWith("io.containerd.snapshotter")) return "containerd";
  return SNAPSHOTTERS.has(info.Driver) ? "containerd" : "graphdriver";
}
