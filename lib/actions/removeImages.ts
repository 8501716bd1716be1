import "server-only";
import { imageSkipReason } from "@/lib/analysis/actionChecks";
import type { StrategySettings, SuggestionTarget } from "@/lib/analysis/strategies/types";
import type { EngineClient } from "@/lib/collect/engine";
import type { HostSnapshot } from "@/lib/collect/schema";
import { imageExists, imageIdOfTag, liveImage } from "./liveHost";
import { guarded } from "./guarded";
import { result, type TargetResult } from "./targetResult";

// Image removal without force: tag by tag (Docker refuses to delete an image with several tags unless
// forced), then by ID if it is still there. noprune=false lets Docker drop untagged parents nothing
// else needs. Children go before parents so a parent is never held by a child we are about to remove.

function childrenFirst(targets: SuggestionTarget[], snapshot: HostSnapshot): SuggestionTarget[] {
  const depth = new Map(snapshot.images.map((image) => [image.id, image.chain.length]));
  return [...targets].sort((a, b) => (depth.get(b.id) ?? 0) - (depth.get(a.id) ?? 0));
}

async function removeOne(client: EngineClient, target: SuggestionTarget, expectedTags: string[], settings: StrategySettings): Promise<TargetResult> {
  const skip = imageSkipReason(await liveImage(client, target.id), target.id, expectedTags, settings);
  if (skip) return result(target, "skipped", skip);
  for (const tag of expectedTags) {
    // Re-read the tag just before untagging: it must still name this image.
    if ((await imageIdOfTag(client, tag)) !== target.id) return result(target, "skipped", `The tag ${tag} no longer names this image.`);
    await client.request("DELETE", `/images/${tag}`, { noprune: false });
  }
  if (await imageExists(client, target.id)) await client.request("DELETE", `/images/${target.id}`, { noprune: false });
  return result(target, "removed", null);
}

export async function removeImages(
  client: EngineClient,
  targets: SuggestionTarget[],
  snapshot: HostSnapshot,
  settings: StrategySettings,
): Promise<TargetResult[]> {
  const tagsById = new Map(snapshot.images.map((image) => [image.id, image.tags]));
  const results: TargetResult[] = [];
  for (const target of childrenFirst(targets, snapshot)) {
    results.push(await guarded(target, () => removeOne(client, target, tagsById.get(target.id) ?? [], settings)));
  }
  return results;
}
