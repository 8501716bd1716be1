import { isStaleBuildCache } from "@/lib/analysis/strategies/buildCache";
import { isProtected, olderThanDays, type StrategySettings } from "@/lib/analysis/strategies/types";
import type { ImageSummary } from "@/lib/collect/engineResponses";
import { realTags } from "@/lib/collect/engineMappers";
import type { BuildCacheRecord, Container, Volume } from "@/lib/collect/schema";

// The re-checks an approved cleanup makes on the live host just before each delete, as pure functions
// of what the engine answered. Each returns null (safe to delete) or the plain reason it is skipped.
// They apply the same predicates as the strategies (isProtected, isStaleBuildCache), so a suggestion
// and its re-check cannot disagree.

export type Category = "images" | "containers" | "volumes" | "buildCache";

const CATEGORY_OF: Record<string, Category> = {
  dangling_images: "images",
  unused_images: "images",
  stopped_containers: "containers",
  unused_volumes_anonymous: "volumes",
  unused_volumes_named: "volumes",
  build_cache: "buildCache",
};

/** The snapshot total a strategy's cleanup shrinks; null for strategies Ballast never runs. */
export function categoryOfStrategy(strategy: string): Category | null {
  return CATEGORY_OF[strategy] ?? null;
}

export type LiveImage = { id: string; tags: string[]; labels: Record<string, string>; usedBy: string[]; children: string[] };

/** The live image by ID, from the engine's image list and containers (any state): who uses it, what is built on it. */
export function liveImageOf(images: ImageSummary[], containers: Container[], id: string): LiveImage | null {
  const image = images.find((candidate) => candidate.Id === id);
  if (!image) return null;
  return {
    id: image.Id,
    tags: realTags(image.RepoTags),
    labels: image.Labels ?? {},
    // ImageID is exact; the `ancestor` filter would add containers of child images too.
    usedBy: containers.filter((c) => c.imageId === image.Id).map((c) => c.name),
    children: images.filter((candidate) => candidate.ParentId === image.Id).map((child) => realTags(child.RepoTags)[0] ?? child.Id.slice(7, 19)),
  };
}

/** For unused images: since when it has been idle on this host (see imageIdleSince), and the time of the check. */
export type IdleCheck = { idleSince: string | null; now: Date };

/**
 * `expectedTags`: the tags the image had in the snapshot the person approved. `idle`: given for the
 * unused-images strategy, whose own criterion (idle for N days on this host) is checked again too.
 */
export function imageSkipReason(
  live: LiveImage | null,
  targetId: string,
  expectedTags: string[],
  settings: StrategySettings,
  idle: IdleCheck | null = null,
): string | null {
  if (!live) return "It is no longer on the host.";
  if (live.id !== targetId) return `The name now points to another image (${live.id}).`;
  if (live.usedBy.length > 0) return `Container ${live.usedBy.join(", ")} now uses it.`;
  // Docker would only untag it and keep it as the parent: nothing freed, a tag lost.
  if (live.children.length > 0) return `Image ${live.children.join(", ")} is built on it, so Docker would keep it.`;
  if (isProtected(live.labels, settings.protectLabel)) return `It carries the ${settings.protectLabel} label.`;
  const now = [...live.tags].sort().join(", ");
  const then = [...expectedTags].sort().join(", ");
  if (now !== then) return `Its tags changed since the suggestion (${then || "none"} → ${now || "none"}).`;
  if (idle && idle.idleSince === null) return "Ballast has no record of when it first saw this image on this host.";
  if (idle && !olderThanDays(idle.idleSince, settings.unusedImageMinAgeDays, idle.now))
    return `It has been on this host, or in use, within the last ${settings.unusedImageMinAgeDays} days.`;
  return null;
}

/** What is left of an image after a delete that may have half happened. */
export function imageReadBack(images: ImageSummary[], id: string, expectedTags: string[]): "removed" | "untagged" | "unchanged" {
  const image = images.find((candidate) => candidate.Id === id);
  if (!image) return "removed";
  const tags = new Set(realTags(image.RepoTags));
  return expectedTags.some((tag) => !tags.has(tag)) ? "untagged" : "unchanged";
}

export type LiveContainer = { id: string; state: string; labels: Record<string, string> };

export function containerSkipReason(live: LiveContainer | null, targetId: string, settings: StrategySettings): string | null {
  if (!live) return "It is no longer on the host.";
  if (live.id !== targetId) return `The name now belongs to another container (${live.id}).`;
  if (live.state !== "exited" && live.state !== "created") return `It is ${live.state} now.`;
  if (isProtected(live.labels, settings.protectLabel)) return `It carries the ${settings.protectLabel} label.`;
  return null;
}

export type LiveVolume = { name: string; anonymous: boolean; labels: Record<string, string>; usedBy: string[] };

/** The live volume with the containers (any state) whose mounts name it. */
export function liveVolumeOf(volume: Volume | null, containers: Container[]): LiveVolume | null {
  if (!volume) return null;
  const usedBy = containers.filter((c) => c.mounts.some((mount) => mount.type === "volume" && mount.name === volume.name)).map((c) => c.name);
  return { name: volume.name, anonymous: volume.anonymous, labels: volume.labels, usedBy };
}

export function volumeSkipReason(live: LiveVolume | null, wantAnonymous: boolean, settings: StrategySettings): string | null {
  if (!live) return "It is no longer on the host.";
  if (live.usedBy.length > 0) return `Container ${live.usedBy.join(", ")} now references it.`;
  if (isProtected(live.labels, settings.protectLabel)) return `It carries the ${settings.protectLabel} label.`;
  if (live.anonymous !== wantAnonymous) return "It is no longer the kind of volume (anonymous or named) the suggestion listed.";
  if (!live.anonymous && !settings.includeNamedVolumes) return "Named volumes are excluded in the settings (BALLAST_INCLUDE_NAMED_VOLUMES).";
  return null;
}

export function buildCacheSkipReason(live: BuildCacheRecord | undefined, settings: StrategySettings, now: Date): string | null {
  if (!live) return "It is no longer in the build cache.";
  if (live.inUse) return "A build is using it now.";
  if (live.shared) return "An image now shares it.";
  if (!isStaleBuildCache(live, settings.buildCacheUnusedDays, now)) return "A build used it since the suggestion.";
  return null;
}

/**
 * A target's outcome. pending: not reached yet; deleting: the intent is written and the delete under
 * way (what a crash leaves behind); untagged: its tags are gone but the image is still there; not_run:
 * nothing was done to it; unknown: the host went away mid-delete, read back when it answers again.
 */
export type Outcome = "pending" | "deleting" | "removed" | "untagged" | "skipped" | "not_run" | "failed" | "unknown";
export type RunStatus = "done" | "partial" | "failed" | "interrupted";

/** Outcomes a run or a reconciliation may still change. */
export const UNRESOLVED: readonly Outcome[] = ["pending", "deleting", "unknown"];

/** What happened to one target of an approved suggestion. */
export type TargetResult = { kind: string; targetId: string; name: string; outcome: Outcome; reason: string | null; bytes: number };

/** done: every target removed; failed: every target failed; partial otherwise (something kept, skipped, not run or not known). */
export function runStatus(outcomes: Outcome[]): Exclude<RunStatus, "interrupted"> {
  if (outcomes.every((outcome) => outcome === "removed")) return "done";
  const removedAny = outcomes.some((outcome) => outcome === "removed" || outcome === "untagged");
  const open = outcomes.some((outcome) => outcome === "unknown" || outcome === "not_run" || outcome === "deleting" || outcome === "pending");
  if (!removedAny && !open && outcomes.includes("failed")) return "failed";
  return "partial";
}
