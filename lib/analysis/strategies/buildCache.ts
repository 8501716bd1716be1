import type { BuildCacheRecord, HostSnapshot } from "@/lib/collect/schema";
import { count, makeSuggestion, olderThanDays, sortTargets, sumBytes, type StrategySettings, type Suggestion } from "./types";

// BuildKit cache records that only the cache holds. Shared records are also image layers (removing
// them frees nothing while the image stays), and in-use records belong to a running build.

/** Last use, or creation for a record never used since (as BuildKit's own `until` filter does). */
function lastTouched(record: BuildCacheRecord): string | null {
  return record.lastUsedAt ?? record.createdAt;
}

/** BuildKit's description (often a whole RUN line), cut to 80 characters, or type and short ID. */
function cacheName(record: BuildCacheRecord): string {
  const text = record.description.trim() || `${record.type} ${record.id.slice(0, 12)}`;
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

export function isStaleBuildCache(record: BuildCacheRecord, days: number, now: Date): boolean {
  return !record.inUse && !record.shared && olderThanDays(lastTouched(record), days, now);
}

export function buildCache(snapshot: HostSnapshot, settings: StrategySettings, now: Date): Suggestion {
  const days = settings.buildCacheUnusedDays;
  const records = snapshot.buildCache.filter((record) => isStaleBuildCache(record, days, now));
  const targets = sortTargets(
    records.map((record) => ({
      kind: "build-cache" as const,
      id: record.id,
      name: cacheName(record),
      bytes: record.sizeBytes,
    })),
  );
  return makeSuggestion(
    {
      strategy: "build_cache",
      title: "Remove stale build cache",
      reason: `No image shares ${count(records.length, "build cache record")} last used more than ${count(days, "day")} ago; a later build that needs them recreates them.`,
      targets,
      bytes: sumBytes(targets),
      risk: "low",
      actionable: true,
    },
    settings,
  );
}
