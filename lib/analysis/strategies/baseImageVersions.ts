import { countedImages, layerUsage } from "@/lib/analysis/imageAccounting";
import { repositoryOfTag } from "@/lib/analysis/treemap";
import type { HostSnapshot, Image } from "@/lib/collect/schema";
import { layerSizes } from "./freedBytes";
import { makeSuggestion, sortTargets, type StrategySettings, type Suggestion, type SuggestionTarget } from "./types";

// Several versions of one repository side by side (node:18 and node:20). Consolidating onto one version
// frees the older versions' own layers — but only those no image outside their "family" (the older
// version plus images built on it) uses, since the rest stays either way.

type VersionGroup = { repository: string; newest: Image; older: Image[] };

function startsWith(chain: string[], prefix: string[]): boolean {
  return prefix.length <= chain.length && prefix.every((chainId, index) => chain[index] === chainId);
}

function newestFirst(a: Image, b: Image): number {
  return Date.parse(b.createdAt) - Date.parse(a.createdAt) || a.id.localeCompare(b.id);
}

function versionGroups(snapshot: HostSnapshot): VersionGroup[] {
  const byRepository = new Map<string, Map<string, Image>>();
  for (const image of countedImages(snapshot.images)) {
    for (const tag of image.tags.filter((candidate) => candidate !== "<none>:<none>")) {
      const repository = repositoryOfTag(tag);
      byRepository.set(repository, (byRepository.get(repository) ?? new Map()).set(image.id, image));
    }
  }
  const groups: VersionGroup[] = [];
  for (const [repository, images] of byRepository) {
    const [newest, ...rest] = [...images.values()].sort(newestFirst);
    // A version built on the newest, or the newest is built on, is a base/derived pair, not a rival
    // version (creation times have one-second resolution, so "newest" can be either of the two).
    const older = rest.filter((image) => !startsWith(newest.chain, image.chain) && !startsWith(image.chain, newest.chain));
    groups.push({ repository, newest, older });
  }
  // An image that is the newest of one repository (tagged in two) stays.
  const newestIds = new Set(groups.map((group) => group.newest.id));
  return groups
    .map((group) => ({ ...group, older: group.older.filter((image) => !newestIds.has(image.id)) }))
    .filter((group) => group.older.length > 0)
    .sort((a, b) => a.repository.localeCompare(b.repository));
}

/** Chain IDs of older versions' layers used only by older versions and images built on them. */
function freedChainIds(snapshot: HostSnapshot, olderImages: Image[]): Set<string> {
  const family = new Set(
    countedImages(snapshot.images)
      .filter((image) => olderImages.some((older) => startsWith(image.chain, older.chain)))
      .map((image) => image.id),
  );
  const usage = layerUsage(snapshot);
  const freed = new Set<string>();
  for (const older of olderImages) {
    for (const chainId of older.chain) {
      const users = usage.get(chainId)?.imageIds ?? [];
      if (users.every((id) => family.has(id))) freed.add(chainId);
    }
  }
  return freed;
}

function olderTargets(snapshot: HostSnapshot, olderImages: Image[], freed: Set<string>): SuggestionTarget[] {
  const sizes = layerSizes(snapshot);
  const holders = new Map<string, number>();
  for (const image of olderImages) for (const chainId of image.chain) holders.set(chainId, (holders.get(chainId) ?? 0) + 1);
  // Per target: freed layers only this older version holds; layers several hold count once, in the total.
  return olderImages.map((image) => ({
    kind: "image" as const,
    id: image.id,
    name: image.tags.join(", "),
    bytes: image.chain.filter((chainId) => freed.has(chainId) && holders.get(chainId) === 1).reduce((sum, chainId) => sum + (sizes.get(chainId) ?? 0), 0),
  }));
}

export function baseImageVersions(snapshot: HostSnapshot, settings: StrategySettings): Suggestion {
  const groups = versionGroups(snapshot);
  const olderImages = [...new Map(groups.flatMap((group) => group.older).map((image) => [image.id, image])).values()];
  const freed = freedChainIds(snapshot, olderImages);
  const sizes = layerSizes(snapshot);
  const bytes = [...freed].reduce((sum, chainId) => sum + (sizes.get(chainId) ?? 0), 0);
  const listed = groups
    .slice(0, 3)
    .map((group) => group.repository)
    .join(", ");
  const more = groups.length > 3 ? ` and ${groups.length - 3} more` : "";
  const newest = groups.map((group) => group.newest.tags.find((tag) => repositoryOfTag(tag) === group.repository));
  return makeSuggestion(
    {
      strategy: "base_image_versions",
      title: "Consolidate image versions",
      reason: `Several versions of ${listed}${more} are stored side by side; moving everything onto one version per repository frees the older versions' own layers.`,
      targets: sortTargets(olderTargets(snapshot, olderImages, freed)),
      bytes,
      risk: "medium",
      actionable: false,
      assumption: `Estimate = layers of the older versions that only they and images built on them use, assuming every such image is rebuilt on the most recently built version (${newest.join(", ")}) and its own layers come out the same size.`,
    },
    settings,
  );
}
