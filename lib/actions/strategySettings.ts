import { strategySettingsSchema, type StrategySettings } from "@/lib/analysis/strategies/types";

// Strategy settings from the environment (documented in the savings page and the final report):
// - BALLAST_UNUSED_IMAGE_DAYS (default 30): a tagged image no container uses counts as unused when
//   built more than this many days ago.
// - BALLAST_BUILD_CACHE_DAYS (default 7): private build cache unused for more than this many days.
// - BALLAST_INCLUDE_NAMED_VOLUMES (default false): "true"/"1" lets Ballast remove unused named volumes.
// - BALLAST_PROTECT_LABEL (default ballast.protect): the label that protects anything from cleanups.
// - BALLAST_WRITABLE_BLOAT_BYTES (default 10^9): writable layers above this are reported as bloat.
// A malformed value is an error at use, never silently the default: a typo must not widen a cleanup.

function integer(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  return Number(value);
}

function flag(value: string | undefined): boolean | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const text = value.trim().toLowerCase();
  if (["1", "true", "yes", "on"].includes(text)) return true;
  if (["0", "false", "no", "off"].includes(text)) return false;
  return text as unknown as boolean; // fails the schema with a clear message
}

export function strategySettingsFromEnv(env: Record<string, string | undefined>, hostPricePerGbMonth: number | null = null): StrategySettings {
  return strategySettingsSchema.parse({
    unusedImageMinAgeDays: integer(env.BALLAST_UNUSED_IMAGE_DAYS),
    buildCacheUnusedDays: integer(env.BALLAST_BUILD_CACHE_DAYS),
    includeNamedVolumes: flag(env.BALLAST_INCLUDE_NAMED_VOLUMES),
    protectLabel: env.BALLAST_PROTECT_LABEL?.trim() || undefined,
    writableLayerBloatBytes: integer(env.BALLAST_WRITABLE_BLOAT_BYTES),
    pricePerGbMonth: hostPricePerGbMonth ?? undefined,
  });
}
