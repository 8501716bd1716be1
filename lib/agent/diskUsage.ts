import fs from "node:fs";
import path from "node:path";
import type { AgentDisk, Filesystem, StoreUsage } from "./protocol";

// Filesystem figures (statfs) for the data root and containerd's root, and on-disk bytes of stores
// the Engine API does not report. Node's statfs gives f_bsize; on Linux it equals f_frsize for ext4,
// xfs, btrfs, overlay and tmpfs, so bytes match `df -B1` (checked against df in the tests).

export function filesystemAt(where: string): Filesystem {
  const s = fs.statfsSync(where, { bigint: true });
  const block = s.bsize;
  return {
    path: where,
    sizeBytes: Number(s.blocks * block),
    usedBytes: Number((s.blocks - s.bfree) * block),
    // Blocks available to unprivileged users: what df shows as Available (root's reserve left out).
    freeBytes: Number(s.bavail * block),
    freeInodes: Number(s.ffree),
  };
}

const deviceOf = (where: string) => fs.statSync(where).dev;

const WALK_ENTRY_CAP = 2_000_000;

/** Allocated bytes under `root` like `du -sB1` (every entry's blocks, hard links once). */
export async function onDiskBytes(root: string, cap = WALK_ENTRY_CAP): Promise<{ bytes: number; complete: boolean }> {
  const seen = new Set<string>();
  let bytes = 0;
  let entries = 0;
  let complete = true;
  const rootDevice = fs.lstatSync(root).dev;
  const stack = [root];
  while (stack.length > 0) {
    const current = stack.pop() as string;
    let stat: fs.Stats;
    try {
      stat = await fs.promises.lstat(current);
    } catch {
      complete = false;
      continue;
    }
    // Stay on one filesystem (du -x): mounts below the store belong to someone else.
    if (stat.dev !== rootDevice) continue;
    entries += 1;
    if (entries > cap) return { bytes, complete: false };
    const key = `${stat.dev}:${stat.ino}`;
    if (stat.nlink > 1 && !stat.isDirectory()) {
      if (seen.has(key)) continue;
      seen.add(key);
    }
    bytes += stat.blocks * 512;
    if (stat.isDirectory()) {
      try {
        for (const name of await fs.promises.readdir(current)) stack.push(path.join(current, name));
      } catch {
        complete = false;
      }
    }
  }
  return { bytes, complete };
}

/** containerd's root: the flag, else dockerd's own containerd under the data root, else the system default. */
export function containerdRootFor(dataRoot: string, configured: string | null): string | null {
  const candidates = configured ? [configured] : [path.join(dataRoot, "containerd", "daemon"), "/var/lib/containerd"];
  return candidates.find((candidate) => isReadableDir(candidate)) ?? null;
}

function isReadableDir(where: string): boolean {
  try {
    fs.accessSync(where, fs.constants.R_OK | fs.constants.X_OK);
    return fs.statSync(where).isDirectory();
  } catch {
    return false;
  }
}

export async function measureDisk(dataRoot: string, containerdRoot: string | null): Promise<AgentDisk> {
  let disk: Filesystem;
  try {
    disk = filesystemAt(dataRoot);
  } catch (error) {
    // Not visible to the agent (a container run without the data root mounted): say so, measure nothing.
    const problem = `The data root ${dataRoot} is not readable by the agent (${(error as { code?: string }).code ?? "error"}): mount it at the same path`;
    return { disk: null, disks: [], stores: [], problems: [problem] };
  }
  const disks = [disk];
  if (containerdRoot && deviceOf(containerdRoot) !== deviceOf(dataRoot)) disks.push(filesystemAt(containerdRoot));
  const stores: StoreUsage[] = [];
  const buildkit = path.join(dataRoot, "buildkit");
  if (isReadableDir(buildkit)) stores.push({ name: "buildkit", path: buildkit, ...(await onDiskBytes(buildkit)) });
  if (containerdRoot) stores.push({ name: "containerd", path: containerdRoot, ...(await onDiskBytes(containerdRoot)) });
  return { disk, disks, stores, problems: [] };
}
