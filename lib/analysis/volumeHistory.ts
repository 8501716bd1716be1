import type { Container, HostSnapshot } from "@/lib/collect/schema";

// Where an orphaned volume came from: the last container seen mounting it across a host's snapshots
// (Portainer #8749). A removed container leaves no trace in Docker, so only snapshot history knows.

export type VolumeUser = {
  containerId: string;
  containerName: string;
  imageId: string;
  /** The image reference the container was created with (`Config.Image`). */
  image: string;
  /** `takenAt` of the latest snapshot in which the container mounted the volume. */
  seenAt: string;
};

export type VolumeLastUse = {
  volumeName: string;
  /** The last container seen mounting the volume; null if no snapshot ever saw one. */
  lastUser: VolumeUser | null;
  /** A container mounts it in the latest snapshot. */
  inUseNow: boolean;
};

/** Volume names a container mounts (`type: "volume"`; bind mounts and tmpfs have no volume). */
function mountedVolumes(container: Container): string[] {
  return container.mounts.filter((mount) => mount.type === "volume" && mount.name !== null).map((mount) => mount.name!);
}

/** Within one snapshot, the most recently created container wins, then the name, for a stable answer. */
function laterThan(a: Container, b: Container): boolean {
  const byCreated = Date.parse(a.createdAt) - Date.parse(b.createdAt);
  return byCreated > 0 || (byCreated === 0 && a.name > b.name);
}

function usersInSnapshot(snapshot: Pick<HostSnapshot, "containers">): Map<string, Container> {
  const users = new Map<string, Container>();
  for (const container of snapshot.containers) {
    for (const volumeName of mountedVolumes(container)) {
      const current = users.get(volumeName);
      if (!current || laterThan(container, current)) users.set(volumeName, container);
    }
  }
  return users;
}

/**
 * For each volume of the latest snapshot, the last container seen mounting it. `snapshots` are one
 * host's, in time order (oldest first); a later snapshot's sighting replaces an earlier one.
 */
export function volumeLastUsers(snapshots: Pick<HostSnapshot, "takenAt" | "containers" | "volumes">[]): VolumeLastUse[] {
  if (snapshots.length === 0) return [];
  const last = new Map<string, VolumeUser>();
  let current = new Map<string, Container>();
  for (const snapshot of snapshots) {
    current = usersInSnapshot(snapshot);
    for (const [volumeName, container] of current) {
      last.set(volumeName, {
        containerId: container.id,
        containerName: container.name,
        imageId: container.imageId,
        image: container.image,
        seenAt: snapshot.takenAt,
      });
    }
  }
  const latest = snapshots[snapshots.length - 1];
  return latest.volumes.map((volume) => ({
    volumeName: volume.name,
    lastUser: last.get(volume.name) ?? null,
    inUseNow: current.has(volume.name),
  }));
}
