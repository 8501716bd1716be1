import "server-only";
import type { StrategySettings, SuggestionTarget } from "@/lib/analysis/strategies/types";
import type { EngineClient } from "@/lib/collect/engine";
import type { HostSnapshot } from "@/lib/collect/schema";
import { removeBuildCache } from "./removeBuildCache";
import { removeContainers, removeVolumes } from "./removeContainersAndVolumes";
import { removeImages } from "./removeImages";
import { result, type TargetResult } from "./targetResult";

/** Re-checks and deletes the targets of one actionable strategy; every target gets a result. */
export async function executeTargets(
  strategy: string,
  client: EngineClient,
  targets: SuggestionTarget[],
  snapshot: HostSnapshot,
  settings: StrategySettings,
): Promise<TargetResult[]> {
  switch (strategy) {
    case "dangling_images":
    case "unused_images":
      return removeImages(client, targets, snapshot, settings);
    case "stopped_containers":
      return removeContainers(client, targets, settings);
    case "unused_volumes_anonymous":
      return removeVolumes(client, targets, true, settings);
    case "unused_volumes_named":
      return removeVolumes(client, targets, false, settings);
    case "build_cache":
      return removeBuildCache(client, targets, settings, () => new Date());
    default:
      return targets.map((target) => result(target, "skipped", "Ballast only advises on this strategy."));
  }
}
