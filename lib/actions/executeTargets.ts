import "server-only";
import type { SuggestionTarget } from "@/lib/analysis/strategies/types";
import type { HostSnapshot } from "@/lib/collect/schema";
import { setOutcome } from "@/lib/store/runs";
import { removeBuildCache } from "./removeBuildCache";
import { removeContainers, removeVolumes } from "./removeContainersAndVolumes";
import { removeImages } from "./removeImages";
import type { RunContext } from "./runTarget";
import { result, type TargetResult } from "./targetResult";

/** Re-checks and deletes the targets of one actionable strategy; every target gets a result. */
export async function executeTargets(ctx: RunContext, strategy: string, targets: SuggestionTarget[], snapshot: HostSnapshot): Promise<TargetResult[]> {
  switch (strategy) {
    case "dangling_images":
      return removeImages(ctx, targets, snapshot, false);
    case "unused_images":
      return removeImages(ctx, targets, snapshot, true);
    case "stopped_containers":
      return removeContainers(ctx, targets);
    case "unused_volumes_anonymous":
      return removeVolumes(ctx, targets, true);
    case "unused_volumes_named":
      return removeVolumes(ctx, targets, false);
    case "build_cache":
      return removeBuildCache(ctx, targets);
    default: {
      const reason = "Ballast only advises on this strategy.";
      for (const target of targets) await setOutcome(ctx.runId, { kind: target.kind, targetId: target.id }, "skipped", reason);
      return targets.map((target) => result(target, "skipped", reason));
    }
  }
}
