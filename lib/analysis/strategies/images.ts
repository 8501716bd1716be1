import type { HostSnapshot, Image } from "@/lib/collect/schema";
import { freedBytesForImages, imageIdsInUse } from "./freedBytes";
import { count, isProtected, makeSuggestion, olderThanDays, shortId, sortTargets, type StrategySettings, type Suggestion } from "./types";

// Image removal strategies. An image any container uses (even a stopped one) is never a target:
// Docker refuses to remove it without force, and Ballast never forces.

/** Non-intermediate, unused, unprotected images: the only images either strategy may target. */
function removableImages(snapshot: HostSnapshot, settings: StrategySettings): Image[] {
  const inUse = imageIdsInUse(snapshot);
  return snapshot.images.filter((image) => !image.intermediate && !inUse.has(image.id) && !isProtected(image.labels, settings.protectLabel));
}

function imageName(image: Image): string {
  return image.tags.length > 0 ? image.tags.join(", ") : `<none> ${shortId(image.id)}`;
}

function imageTargets(snapshot: HostSnapshot, images: Image[]) {
  const freed = freedBytesForImages(
    snapshot,
    images.map((image) => image.id),
  );
  const targets = images.map((image) => ({
    kind: "image" as const,
    id: image.id,
    name: imageName(image),
    bytes: freed.perImageBytes.get(image.id) ?? 0,
  }));
  return { targets: sortTargets(targets), bytes: freed.totalBytes };
}

/** Untagged images (not classic-builder intermediates) that no container uses. */
export function danglingImages(snapshot: HostSnapshot, settings: StrategySettings): Suggestion {
  const images = removableImages(snapshot, settings).filter((image) => image.dangling);
  const { targets, bytes } = imageTargets(snapshot, images);
  return makeSuggestion(
    {
      strategy: "dangling_images",
      title: "Remove dangling images",
      reason: `No container uses ${count(images.length, "untagged image")} here, so removing ${images.length === 1 ? "it" : "them"} frees the layers no remaining image needs.`,
      targets,
      bytes,
      risk: "low",
      actionable: true,
    },
    settings,
  );
}

/** Tagged images no container (any state) uses, built more than `unusedImageMinAgeDays` ago. */
export function unusedImages(snapshot: HostSnapshot, settings: StrategySettings, now: Date): Suggestion {
  const days = settings.unusedImageMinAgeDays;
  const images = removableImages(snapshot, settings).filter((image) => !image.dangling && olderThanDays(image.createdAt, days, now));
  const { targets, bytes } = imageTargets(snapshot, images);
  return makeSuggestion(
    {
      strategy: "unused_images",
      title: "Remove unused images",
      reason: `No container, running or stopped, uses ${count(images.length, "tagged image")} built more than ${count(days, "day")} ago; they can be pulled or built again when needed.`,
      targets,
      bytes,
      risk: "medium",
      actionable: true,
    },
    settings,
  );
}
