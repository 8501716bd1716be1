import { isStaleBuildCache } from "@/lib/analysis/strategies/buildCache";
import { isProtected, type StrategySettings } from "@/lib/analysis/strategies/types";
import type { BuildCacheRecord } from "@/lib/collect/schema";

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

/** `expectedTags`: the tags the image had in the snapshot the person approved. */
export function imageSkipReason(live: LiveImage | null, targetId: string, expectedTags: string[], settings: StrategySettings): string | null {
  if (!live) return "It is no longer on the host.";
  if (live.id !== targetId) return `The name now points to another image (${live.id}).`;
  if (live.usedBy.length > 0) return `Container ${live.usedBy.join(", ")} now uses it.`;
  // Docker would only untag it and keep it as the parent: nothing freed, a tag lost.
  if (live.children.length > 0) return `Image ${live.children.join(", ")} is built on it, so Docker would keep it.`;
  if (isProtected(live.labels, settings.protectLabel)) return `It carries the ${settings.protectLabel} label.`;
  const now = [...live.tags].sort().join(", ");
  const then = [...expectedTags].sort().join(", ");
  if (now !== then) return `Its tags changed since the suggestion (${then || "none"} → ${now || "none"}).`;
  return null;
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

export type Outcome = "removed" | "skipped" | "failed";

/** What happened to one target of an approved suggestion (lib/store/runs records it, lib/actions makes it). */
export type TargetResult = { kind: string; targetId: string; name: string; outcome: Outcome; reason: string | null; bytes: number };
export type RunStatus = "done" | "partial" | "failed";

/** done: every target removed; failed: nothing removed and something failed; partial otherwise. */
export function runStatus(outcomes: Outcome[]): RunStatus {
  const removed = outcomes.filter((outcome) => outcome === "removed").length;
  if (removed === outcomes.length) return "done";
  if (removed === 0 && outcomes.includes("failed")) return "failed";
  return "partial";
}
