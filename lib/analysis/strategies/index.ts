import type { HostSnapshot } from "@/lib/collect/schema";
import { baseImageVersions } from "./baseImageVersions";
import { buildCache } from "./buildCache";
import { stoppedContainers, writableLayerBloat } from "./containers";
import { duplicateDiffs } from "./duplicateDiffs";
import { danglingImages, unusedImages } from "./images";
import { logRotation } from "./logRotation";
import { slimmerBase } from "./slimmerBase";
import type { Strategy, StrategySettings, Suggestion } from "./types";
import { unusedVolumesAnonymous, unusedVolumesNamed } from "./volumes";

// Every strategy, in a fixed order. Each suggestion's bytes are computed on its own: two suggestions can
// free the same layer (a layer shared by a dangling and an unused image is freed only when both go), so
// adding suggestions' bytes can miss or double count; approve one, re-snapshot, and the rest re-compute.

export const STRATEGIES: readonly Strategy[] = [
  danglingImages,
  unusedImages,
  stoppedContainers,
  unusedVolumesAnonymous,
  unusedVolumesNamed,
  buildCache,
  logRotation,
  duplicateDiffs,
  baseImageVersions,
  writableLayerBloat,
  slimmerBase,
];

/** All suggestions with at least one target, largest bytes first (ties: actionable first, then strategy). */
export function suggestStrategies(snapshot: HostSnapshot, settings: StrategySettings, now: Date): Suggestion[] {
  return STRATEGIES.map((strategy) => strategy(snapshot, settings, now))
    .filter((suggestion) => suggestion.targets.length > 0)
    .sort((a, b) => b.bytes - a.bytes || Number(b.actionable) - Number(a.actionable) || a.strategy.localeCompare(b.strategy));
}
