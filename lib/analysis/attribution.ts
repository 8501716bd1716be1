import type { Container, HostSnapshot, Image, Volume } from "@/lib/collect/schema";
import { accountImages } from "@/lib/analysis/imageAccounting";
import { categoryTotals, type CostCategory } from "@/lib/analysis/cost";
import { repositoryOfTag } from "./treemap";

// Who owns the bytes of one snapshot. Every breakdown adds up exactly to the snapshot's category
// totals (`categoryTotals`): whatever has no owner goes to UNATTRIBUTED, never dropped or counted twice.

export type GroupBy = "host" | "image" | "repository" | "container" | "volume" | "project" | "category" | { label: string };

/** Group names when grouping by category (images, writable layers, volumes, build cache, logs). */
export const CATEGORY_GROUPS: Record<CostCategory, string> = {
  images: "images",
  containers: "writable layers",
  volumes: "volumes",
  buildCache: "build cache",
  logs: "logs",
};

export type AttributionRow = { group: string; category: CostCategory; bytes: number };

/** The group of bytes nobody owns. A label value spelled the same way merges with it. */
export const UNATTRIBUTED = "unattributed";

/** The label Docker Compose puts on the containers, volumes and images it creates. */
export const COMPOSE_PROJECT_LABEL = "com.docker.compose.project";

type Owners = {
  container: (container: Container) => string | null;
  image: (image: Image) => string | null;
  volume: (volume: Volume) => string | null;
  /** Owner of bytes tied to no image, container or volume (build cache, LayersSize we cannot explain). */
  rest: string | null;
};

/** An image's name in reports: its first tag, or its ID when dangling. */
export function imageName(image: Image): string {
  return image.tags[0] ?? image.id;
}

/** "registry:5000/team/app:1.2" → "registry:5000/team/app" (the treemap's rule); a dangling image has none. */
export function repositoryOf(image: Image): string | null {
  const tag = image.tags[0];
  return tag === undefined ? null : repositoryOfTag(tag);
}

function labelOwner(key: string) {
  // An empty label value names no one.
  return (entity: { labels: Record<string, string> }) => entity.labels[key] || null;
}

function ownersFor(snapshot: HostSnapshot, groupBy: GroupBy, hostName: string): Owners {
  const images = new Map(snapshot.images.map((image) => [image.id, image]));
  const none = () => null;
  if (typeof groupBy === "object") {
    const owner = labelOwner(groupBy.label);
    return { container: owner, image: owner, volume: owner, rest: null };
  }
  switch (groupBy) {
    case "category":
    case "host":
      return { container: () => hostName, image: () => hostName, volume: () => hostName, rest: hostName };
    case "image": {
      const container = (c: Container) => {
        const image = images.get(c.imageId);
        return image ? imageName(image) : c.image || c.imageId;
      };
      return { container, image: imageName, volume: none, rest: null };
    }
    case "repository": {
      const container = (c: Container) => {
        const image = images.get(c.imageId);
        return image ? repositoryOf(image) : null;
      };
      return { container, image: repositoryOf, volume: none, rest: null };
    }
    case "container":
      return { container: (c) => c.name, image: none, volume: none, rest: null };
    case "volume":
      return { container: none, image: none, volume: (v) => v.name, rest: null };
    case "project": {
      const owner = labelOwner(COMPOSE_PROJECT_LABEL);
      return { container: owner, image: owner, volume: owner, rest: null };
    }
  }
}

/**
 * Splits `bytes` evenly among `groups` in whole bytes: the remainder goes one byte each to the first
 * groups in sorted order, so the parts add up exactly. No groups → everything to UNATTRIBUTED.
 */
export function splitEvenly(bytes: number, groups: Iterable<string>): Map<string, number> {
  const sorted = [...new Set(groups)].sort();
  if (sorted.length === 0) return new Map([[UNATTRIBUTED, bytes]]);
  const base = Math.floor(bytes / sorted.length);
  const remainder = bytes - base * sorted.length;
  return new Map(sorted.map((group, index) => [group, base + (index < remainder ? 1 : 0)]));
}

/**
 * Scales integer `parts` so they add up to `total`, largest remainder first (ties by key). Used when the
 * engine's LayersSize disagrees with the layers we can see; parts must not all be 0 unless total is 0.
 */
function scaleTo(parts: Map<string, number>, total: number): Map<string, number> {
  const whole = [...parts.values()].reduce((sum, value) => sum + value, 0);
  if (whole === 0) return new Map([[UNATTRIBUTED, total]]);
  const exact = [...parts].map(([key, value]) => ({ key, exact: (value * total) / whole }));
  const result = new Map(exact.map(({ key, exact: value }) => [key, Math.floor(value)]));
  let left = total - [...result.values()].reduce((sum, value) => sum + value, 0);
  const fraction = (value: number) => value - Math.floor(value);
  const order = [...exact].sort((a, b) => fraction(b.exact) - fraction(a.exact) || (a.key < b.key ? -1 : 1));
  for (const { key } of order) {
    if (left <= 0) break;
    result.set(key, result.get(key)! + 1);
    left -= 1;
  }
  return result;
}

/** Fair share per image, reconciled to the engine's LayersSize (the images total we report). */
function imageShares(snapshot: HostSnapshot): Map<string, number> {
  const shares = new Map<string, number>();
  for (const row of accountImages(snapshot).values()) shares.set(row.id, row.fairShareBytes);
  const seen = [...shares.values()].reduce((sum, value) => sum + value, 0);
  // LayersSize above what our layers explain (e.g. another image store) has no known owner.
  if (seen <= snapshot.layersSizeBytes) {
    shares.set(UNATTRIBUTED, snapshot.layersSizeBytes - seen);
    return shares;
  }
  return scaleTo(shares, snapshot.layersSizeBytes);
}

/** Containers indexed by each key `keysOf` gives them (image ID, mounted volume names). */
function groupContainers(containers: Container[], keysOf: (c: Container) => string[]): Map<string, Container[]> {
  const result = new Map<string, Container[]>();
  for (const container of containers) {
    for (const key of new Set(keysOf(container))) result.set(key, [...(result.get(key) ?? []), container]);
  }
  return result;
}

class Ledger {
  private readonly bytes = new Map<string, number>();
  add(group: string, category: CostCategory, bytes: number) {
    if (bytes === 0) return;
    const key = `${category}\u0000${group}`;
    this.bytes.set(key, (this.bytes.get(key) ?? 0) + bytes);
  }
  addAll(parts: Map<string, number>, category: CostCategory) {
    for (const [group, bytes] of parts) this.add(group, category, bytes);
  }
  rows(): AttributionRow[] {
    const rows = [...this.bytes].map(([key, bytes]) => {
      const [category, group] = key.split("\u0000") as [CostCategory, string];
      return { group, category, bytes };
    });
    return rows.sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : a.category < b.category ? -1 : 1));
  }
}

/**
 * Bytes per group and category for one snapshot. Images: fair share to the image's own group, else
 * split evenly among the groups of the containers using it. Writable layers and logs: the container's
 * group. Volumes: their own group, else split among the groups of the containers mounting them. Build
 * cache: the host when grouping by host, else unattributed. Anything without a group: UNATTRIBUTED.
 * Rows with 0 bytes are left out; `hostName` defaults to the engine's name.
 */
export function attribute(snapshot: HostSnapshot, groupBy: GroupBy, hostName = snapshot.engine.name): AttributionRow[] {
  return attributeWith(snapshot, groupBy, hostName, imageShares(snapshot));
}

/** `attribute` for several group-bys of one snapshot, sharing the image accounting (the costly part). */
export function attributeEach(snapshot: HostSnapshot, groupBys: GroupBy[], hostName = snapshot.engine.name): AttributionRow[][] {
  const shares = imageShares(snapshot);
  return groupBys.map((groupBy) => attributeWith(snapshot, groupBy, hostName, shares));
}

/** Every label key on the snapshot's containers, images and volumes, sorted: the label group-bys it can answer. */
export function labelKeysSeen(snapshot: HostSnapshot): string[] {
  const keys = new Set<string>();
  for (const entity of [...snapshot.containers, ...snapshot.images, ...snapshot.volumes]) for (const key of Object.keys(entity.labels)) keys.add(key);
  return [...keys].sort();
}

function attributeWith(snapshot: HostSnapshot, groupBy: GroupBy, hostName: string, shares: Map<string, number>): AttributionRow[] {
  // By category: every byte belongs to its category (logs measured by the agent are their own row).
  if (groupBy === "category") return attributeWith(snapshot, "host", hostName, shares).map((row) => ({ ...row, group: CATEGORY_GROUPS[row.category] }));
  const owners = ownersFor(snapshot, groupBy, hostName);
  const ledger = new Ledger();
  const containerGroups = (containers: Container[] = []) => containers.map(owners.container).filter((group): group is string => group !== null);
  const images = new Map(snapshot.images.map((image) => [image.id, image]));
  const usersOf = groupContainers(snapshot.containers, (c) => [c.imageId]);
  for (const [imageId, bytes] of shares) {
    const image = images.get(imageId);
    const own = image ? owners.image(image) : owners.rest;
    ledger.addAll(own ? new Map([[own, bytes]]) : splitEvenly(bytes, containerGroups(usersOf.get(imageId))), "images");
  }
  for (const container of snapshot.containers) {
    const group = owners.container(container) ?? UNATTRIBUTED;
    ledger.add(group, "containers", container.writableBytes);
    ledger.add(group, "logs", container.logBytes ?? 0);
  }
  const mountersOf = groupContainers(snapshot.containers, (c) => c.mounts.filter((mount) => mount.type === "volume" && mount.name).map((mount) => mount.name!));
  for (const volume of snapshot.volumes) {
    const own = owners.volume(volume);
    const bytes = volume.sizeBytes ?? 0;
    ledger.addAll(own ? new Map([[own, bytes]]) : splitEvenly(bytes, containerGroups(mountersOf.get(volume.name))), "volumes");
  }
  ledger.add(owners.rest ?? UNATTRIBUTED, "buildCache", categoryTotals(snapshot).buildCache);
  return ledger.rows();
}

/** Bytes per group across categories (for a pie chart or a report). */
export function bytesByGroup(rows: AttributionRow[]): Map<string, number> {
  const result = new Map<string, number>();
  for (const row of rows) result.set(row.group, (result.get(row.group) ?? 0) + row.bytes);
  return result;
}
