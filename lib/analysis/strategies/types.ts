import { z } from "zod";
import { DEFAULT_PRICE_PER_GB_MONTH, monthlyCost } from "@/lib/analysis/cost";
import type { HostSnapshot } from "@/lib/collect/schema";

// The shapes every strategy speaks, plus the few predicates all of them must apply the same way
// (protection, age), so a suggestion and the re-check before a cleanup can never disagree.

const MS_PER_DAY = 86_400_000;

export const strategySettingsSchema = z.object({
  /** Tagged images count as unused only when built more than this many days ago. */
  unusedImageMinAgeDays: z.number().int().nonnegative().default(30),
  /** Private build cache records count as stale when last used more than this many days ago. */
  buildCacheUnusedDays: z.number().int().nonnegative().default(7),
  /** Named volumes are never deleted unless this is on (anonymous ones are). */
  includeNamedVolumes: z.boolean().default(false),
  /** Label key that protects an image, container or volume from every cleanup. */
  protectLabel: z.string().min(1).default("ballast.protect"),
  /** A writable layer above this many bytes is reported as bloat (data that belongs in a volume). */
  writableLayerBloatBytes: z.number().int().positive().default(1_000_000_000),
  pricePerGbMonth: z.number().nonnegative().default(DEFAULT_PRICE_PER_GB_MONTH),
});

export type StrategySettings = z.infer<typeof strategySettingsSchema>;
export type StrategySettingsInput = z.input<typeof strategySettingsSchema>;

export const DEFAULT_STRATEGY_SETTINGS: StrategySettings = strategySettingsSchema.parse({});

export const suggestionTargetSchema = z.object({
  kind: z.enum(["image", "container", "volume", "build-cache", "layer", "log"]),
  id: z.string(),
  name: z.string(),
  bytes: z.number().int().nonnegative(),
});

export type SuggestionTarget = z.infer<typeof suggestionTargetSchema>;

export const riskSchema = z.enum(["low", "medium", "high"]);
export type Risk = z.infer<typeof riskSchema>;

export const suggestionSchema = z.object({
  /** snake_case strategy id, e.g. `dangling_images`. */
  strategy: z.string().regex(/^[a-z][a-z0-9_]*$/),
  title: z.string(),
  /** One plain sentence saying why. */
  reason: z.string(),
  targets: z.array(suggestionTargetSchema),
  /** Total bytes the suggestion frees (or, when advisory, is estimated to free): the truth, not Σ targets. */
  bytes: z.number().int().nonnegative(),
  monthlyCost: z.number().nonnegative(),
  risk: riskSchema,
  /** true: Ballast can run it after approval; false: advice a person has to follow. */
  actionable: z.boolean(),
  /** The assumption behind an estimate; every advisory estimate states one. */
  assumption: z.string().optional(),
});

export type Suggestion = z.infer<typeof suggestionSchema>;

/** A strategy: pure, from one snapshot to one suggestion (possibly with no targets). */
export type Strategy = (snapshot: HostSnapshot, settings: StrategySettings, now: Date) => Suggestion;

/** Builds a suggestion, pricing its bytes with the one money function. */
export function makeSuggestion(fields: Omit<Suggestion, "monthlyCost">, settings: Pick<StrategySettings, "pricePerGbMonth">): Suggestion {
  const suggestion: Suggestion = { ...fields, monthlyCost: monthlyCost(fields.bytes, settings.pricePerGbMonth) };
  if (suggestion.assumption === undefined) delete suggestion.assumption;
  return suggestion;
}

/** Largest first, then by name, so lists are stable from one poll to the next. */
export function sortTargets(targets: SuggestionTarget[]): SuggestionTarget[] {
  return [...targets].sort((a, b) => b.bytes - a.bytes || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

export function sumBytes(targets: SuggestionTarget[]): number {
  return targets.reduce((sum, target) => sum + target.bytes, 0);
}

const NOT_PROTECTING = new Set(["false", "0", "no", "off"]);

/**
 * Protected when the protect label is present with any value except an explicit false/0/no/off.
 * `--label ballast.protect` without a value sets "", and whoever wrote it meant to protect:
 * when in doubt, keep the thing.
 */
export function isProtected(labels: Record<string, string>, protectLabel: string): boolean {
  if (!Object.prototype.hasOwnProperty.call(labels, protectLabel)) return false;
  return !NOT_PROTECTING.has(labels[protectLabel].trim().toLowerCase());
}

/**
 * Strictly more than `days` days before `now` (0 days: any time not after `now`, i.e. no minimum age);
 * an unknown or unparsable time is never "old".
 */
export function olderThanDays(time: string | null, days: number, now: Date): boolean {
  if (time === null) return false;
  const age = now.getTime() - Date.parse(time);
  if (!Number.isFinite(age)) return false;
  return days === 0 ? age >= 0 : age > days * MS_PER_DAY;
}

/** `sha256:0123456789ab…` → `0123456789ab`, as the docker CLI shows IDs. */
export function shortId(id: string): string {
  return id.replace(/^sha256:/, "").slice(0, 12);
}

/** "1 image" / "3 images". */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
