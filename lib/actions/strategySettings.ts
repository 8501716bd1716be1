import "server-only";
import { strategySettingsSchema, type StrategySettings } from "@/lib/analysis/strategies/types";
import { config, parseEnvironment, type Config } from "@/lib/config";

// Strategy settings from the environment (lib/config.ts validates and documents each variable):
// BALLAST_UNUSED_IMAGE_DAYS, BALLAST_BUILD_CACHE_DAYS, BALLAST_INCLUDE_NAMED_VOLUMES,
// BALLAST_PROTECT_LABEL, BALLAST_WRITABLE_BLOAT_BYTES. A malformed value stops the start, never
// silently the default: a typo must not widen a cleanup.

export function strategySettingsFromConfig(settings: Config, hostPricePerGbMonth: number | null = null): StrategySettings {
  return strategySettingsSchema.parse({
    unusedImageMinAgeDays: settings.BALLAST_UNUSED_IMAGE_DAYS,
    buildCacheUnusedDays: settings.BALLAST_BUILD_CACHE_DAYS,
    includeNamedVolumes: settings.BALLAST_INCLUDE_NAMED_VOLUMES,
    protectLabel: settings.BALLAST_PROTECT_LABEL,
    writableLayerBloatBytes: settings.BALLAST_WRITABLE_BLOAT_BYTES,
    pricePerGbMonth: hostPricePerGbMonth ?? undefined,
  });
}

/** The settings this process runs with, priced for one host. */
export function currentStrategySettings(hostPricePerGbMonth: number | null = null): StrategySettings {
  return strategySettingsFromConfig(config(), hostPricePerGbMonth);
}

/** From an explicit environment (tests); throws ConfigError on a junk value. */
export function strategySettingsFromEnv(env: Record<string, string | undefined>, hostPricePerGbMonth: number | null = null): StrategySettings {
  return strategySettingsFromConfig(parseEnvironment(env), hostPricePerGbMonth);
}
