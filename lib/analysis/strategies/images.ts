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

/**
 * Since when the image has been idle on this host: the latest of when Ballast first saw it here, when a
 * container was last seen using it, and its build date. Never the build date alone: an image built in
 * 2023 and pulled today is new here (issue 8). Not stored yet (a fresh poll): the snapshot's own time.
 */
export function imageIdleSince(image: Pick<Image, "createdAt" | "firstSeenAt" | "lastUsedAt">, takenAt: string): string {
  const times = [image.firstSeenAt ?? takenAt, image.lastUsedAt ?? null, image.createdAt].filter((t): t is string => t !== null);
  const latest = Math.max(...times.map((t) => Date.parse(t)));
  return Number.isFinite(latest) ? new Date(latest).toISOString() : takenAt;
}

/** Tagged images no container (any state) uses, idle on this host for more than `unusedImageMinAgeDays`. */
export function unusedImages(snapshot: HostSnapshot, settings: StrategySettings, now: Date): Suggestion {
  const days = settings.unusedImageMinAgeDays;
  const images = removableImages(snapshot, settings).filter((image) => !image.dangling && olderThanDays(imageIdleSince(image, snapshot.takenAt), days, now));
  const { targets, bytes } = imageTargets(snapshot, images);
  return makeSuggestion(
    {
      strategy: "unused_images",
      title: "Remove unused images",
      reason: `No container, running or stopped, has used ${count(images.length, "tagged image")} here for more than ${count(days, "day")} (counted from when Ballast first saw each on this host, or its last container use); they can be pulled or built again when needed.`,
      targets,
      bytes,
      risk: "medium",
      actionable: true,
    },
    settings,
  );
}
