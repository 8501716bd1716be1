import "server-only";
import { containerSkipReason, volumeSkipReason } from "@/lib/analysis/actionChecks";
import type { StrategySettings, SuggestionTarget } from "@/lib/analysis/strategies/types";
import type { EngineClient } from "@/lib/collect/engine";
import { guarded } from "./guarded";
import { liveContainer, liveVolume } from "./liveHost";
import { result, type TargetResult } from "./targetResult";

// Containers: DELETE /containers/{id} with neither force nor v=true (anonymous volumes stay, and show up
// under unused volumes afterwards). Volumes: one by one by name, never /volumes/prune (on 20.10 it
// removes named volumes too), never force. Docker answers 409 for anything in use: kept and skipped.

export async function removeContainers(client: EngineClient, targets: SuggestionTarget[], settings: StrategySettings): Promise<TargetResult[]> {
  const results: TargetResult[] = [];
  for (const target of targets) {
    results.push(
      await guarded(target, async () => {
        const skip = containerSkipReason(await liveContainer(client, target.id), target.id, settings);
        if (skip) return result(target, "skipped", skip);
        await client.request("DELETE", `/containers/${target.id}`);
        return result(target, "removed", null);
      }),
    );
  }
  return results;
}

export async function removeVolumes(
  client: EngineClient,
  targets: SuggestionTarget[],
  anonymous: boolean,
  settings: StrategySettings,
): Promise<TargetResult[]> {
  const results: TargetResult[] = [];
  for (const target of targets) {
    results.push(
      await guarded(target, async () => {
        const skip = volumeSkipReason(await liveVolume(client, target.id), anonymous, settings);
        if (skip) return result(target, "skipped", skip);
        await client.request("DELETE", `/volumes/${encodeURIComponent(target.id)}`);
        return result(target, "removed", null);
      }),
    );
  }
  return results;
}
