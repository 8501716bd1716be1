import type { HostSnapshot } from "@/lib/collect/schema";
import { monthlyCost, resolvePrice, type CategoryPrices } from "./cost";
import { repositoryOfTag } from "./treemap";

// Pure: the same layer on many hosts. A layer is the same when its chain ID is (same content on the
// same parents). Hosts cannot share layer storage: every host keeps its own copy, so the fleet pays
// copies × bytes. What frees disk is consolidation — the base images found in several versions across
// the fleet, each version holding its own layers on every host that has it.

export type FleetSnapshot = { hostId: string; name: string; pricePerGbMonth: number | null; snapshot: HostSnapshot };

export type SharedLayer = {
  chainId: string;
  diffId: string;
  createdBy: string | null;
  hostCount: number;
  hosts: { hostId: string; name: string; sizeBytes: number; images: string[] }[];
  /** Copies × bytes: what the fleet stores for this one layer. */
  fleetBytes: number;
  monthlyCost: number;
};

export type BaseVersions = {
  repository: string;
  versions: { imageId: string; tags: string[]; hosts: string[]; sizeBytes: number }[];
  hostCount: number;
};

const imageLabel = (image: { id: string; tags: string[] }) => image.tags[0] ?? image.id.replace("sha256:", "").slice(0, 12);

/** Every layer (by chain ID) on more than one host, the most fleet bytes first. */
export function sharedLayers(hosts: FleetSnapshot[], categoryPrices: CategoryPrices = {}): SharedLayer[] {
  const byChain = new Map<string, SharedLayer>();
  for (const { hostId, name, pricePerGbMonth, snapshot } of hosts) {
    const usersOf = new Map<string, string[]>();
    for (const image of snapshot.images) {
      if (image.intermediate) continue;
      for (const chainId of image.chain) usersOf.set(chainId, [...(usersOf.get(chainId) ?? []), imageLabel(image)]);
    }
    const price = resolvePrice(pricePerGbMonth, categoryPrices, "images");
    for (const layer of snapshot.layers) {
      const images = usersOf.get(layer.chainId);
      if (!images) continue;
      const entry = byChain.get(layer.chainId) ?? {
        chainId: layer.chainId,
        diffId: layer.diffId,
        createdBy: layer.createdBy,
        hostCount: 0,
        hosts: [],
        fleetBytes: 0,
        monthlyCost: 0,
      };
      entry.hosts.push({ hostId, name, sizeBytes: layer.sizeBytes, images: [...new Set(images)].sort() });
      entry.hostCount += 1;
      entry.fleetBytes += layer.sizeBytes;
      entry.monthlyCost += monthlyCost(layer.sizeBytes, price);
      byChain.set(layer.chainId, entry);
    }
  }
  return [...byChain.values()].filter((l) => l.hostCount > 1).sort((a, b) => b.fleetBytes - a.fleetBytes || a.chainId.localeCompare(b.chainId));
}

/** Repositories found in more than one version (image ID) across the fleet, the most versions first. */
export function baseImageVersions(hosts: FleetSnapshot[]): BaseVersions[] {
  const repos = new Map<string, Map<string, { imageId: string; tags: Set<string>; hosts: Set<string>; sizeBytes: number }>>();
  for (const { name, snapshot } of hosts) {
    for (const image of snapshot.images) {
      for (const tag of image.tags) {
        const versions = repos.get(repositoryOfTag(tag)) ?? new Map();
        const version = versions.get(image.id) ?? { imageId: image.id, tags: new Set<string>(), hosts: new Set<string>(), sizeBytes: image.sizeBytes };
        version.tags.add(tag);
        version.hosts.add(name);
        versions.set(image.id, version);
        repos.set(repositoryOfTag(tag), versions);
      }
    }
  }
  return [...repos.entries()]
    .filter(([, versions]) => versions.size > 1)
    .map(([repository, versions]) => {
      const list = [...versions.values()].map((v) => ({ imageId: v.imageId, tags: [...v.tags].sort(), hosts: [...v.hosts].sort(), sizeBytes: v.sizeBytes }));
      return { repository, versions: list, hostCount: new Set(list.flatMap((v) => v.hosts)).size };
    })
    .sort((a, b) => b.versions.length - a.versions.length || a.repository.localeCompare(b.repository));
}
