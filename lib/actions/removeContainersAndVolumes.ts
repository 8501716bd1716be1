import "server-only";
import { containerSkipReason, liveVolumeOf, volumeSkipReason } from "@/lib/analysis/actionChecks";
import type { SuggestionTarget } from "@/lib/analysis/strategies/types";
import { liveContainer, liveContainers, liveVolume } from "@/lib/collect/liveState";
import { readBackTarget } from "./readBack";
import { runTarget, type RunContext } from "./runTarget";
import type { TargetResult } from "./targetResult";

// Containers: DELETE /containers/{id} with neither force nor v=true (anonymous volumes stay, and show up
// under unused volumes afterwards). Volumes: one by one by name, never /volumes/prune (on 20.10 it
// removes named volumes too), never force. Docker answers 409 for anything in use: kept and skipped.

export async function removeContainers(ctx: RunContext, targets: SuggestionTarget[]): Promise<TargetResult[]> {
  const results: TargetResult[] = [];
  for (const target of targets) {
    const done = await runTarget(ctx, target, {
      check: async () => containerSkipReason(await liveContainer(ctx.client, target.id), target.id, ctx.settings),
      remove: async () => void (await ctx.client.request("DELETE", `/containers/${target.id}`)),
      readBack: () => readBackTarget(ctx.client, "container", target.id, []),
    });
    results.push(done as TargetResult);
  }
  return results;
}

export async function removeVolumes(ctx: RunContext, targets: SuggestionTarget[], anonymous: boolean): Promise<TargetResult[]> {
  const results: TargetResult[] = [];
  for (const target of targets) {
    const done = await runTarget(ctx, target, {
      // The strategy's own criterion: no container (any state) mounts it.
      check: async () => volumeSkipReason(liveVolumeOf(await liveVolume(ctx.client, target.id), await liveContainers(ctx.client)), anonymous, ctx.settings),
      remove: async () => void (await ctx.client.request("DELETE", `/volumes/${encodeURIComponent(target.id)}`)),
      readBack: () => readBackTarget(ctx.client, "volume", target.id, []),
    });
    results.push(done as TargetResult);
  }
  return results;
}
