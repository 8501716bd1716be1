import "server-only";
import { imageSkipReason, liveImageOf, type IdleCheck } from "@/lib/analysis/actionChecks";
import { imageIdleSince } from "@/lib/analysis/strategies/images";
import type { SuggestionTarget } from "@/lib/analysis/strategies/types";
import { realTags } from "@/lib/collect/engineMappers";
import type { HostSnapshot } from "@/lib/collect/schema";
import { liveContainers, liveImages } from "@/lib/collect/liveState";
import { getImageSightings } from "@/lib/store/imageFacts";
import { readBackTarget } from "./readBack";
import { runTarget, TargetChanged, type RunContext } from "./runTarget";
import type { TargetResult } from "./targetResult";

// Image removal without force: tag by tag (Docker refuses to delete an image with several tags unless
// forced), then by ID if it is still there. noprune=false lets Docker drop untagged parents nothing
// else needs. Children go before parents so a parent is never held by a child we are about to remove.

function childrenFirst(targets: SuggestionTarget[], snapshot: HostSnapshot): SuggestionTarget[] {
  const depth = new Map(snapshot.images.map((image) => [image.id, image.chain.length]));
  return [...targets].sort((a, b) => (depth.get(b.id) ?? 0) - (depth.get(a.id) ?? 0));
}

async function idleCheck(ctx: RunContext, id: string, createdAt: number | undefined): Promise<IdleCheck> {
  const sighting = (await getImageSightings(ctx.hostId, [id])).get(id);
  const now = ctx.now();
  if (!sighting) return { idleSince: null, now };
  const built = createdAt ? new Date(createdAt * 1000).toISOString() : sighting.createdAt;
  return { idleSince: imageIdleSince({ createdAt: built, firstSeenAt: sighting.firstSeenAt, lastUsedAt: sighting.lastUsedAt }, now.toISOString()), now };
}

async function removeOne(ctx: RunContext, target: SuggestionTarget, expectedTags: string[], checkAge: boolean): Promise<TargetResult> {
  const { client } = ctx;
  const done = await runTarget(ctx, target, {
    check: async () => {
      const images = await liveImages(client);
      const live = liveImageOf(images, await liveContainers(client), target.id);
      const age = checkAge && live ? await idleCheck(ctx, target.id, images.find((image) => image.Id === target.id)?.Created) : null;
      return imageSkipReason(live, target.id, expectedTags, ctx.settings, age);
    },
    remove: async () => {
      for (const tag of expectedTags) {
        // Re-read the tag just before untagging: it must still name this image.
        const owner = (await liveImages(client)).find((image) => realTags(image.RepoTags).includes(tag))?.Id ?? null;
        if (owner !== target.id) throw new TargetChanged(`The tag ${tag} no longer names this image.`);
        await client.request("DELETE", `/images/${tag}`, { noprune: false });
      }
      if ((await liveImages(client)).some((image) => image.Id === target.id)) await client.request("DELETE", `/images/${target.id}`, { noprune: false });
    },
    readBack: () => readBackTarget(client, "image", target.id, expectedTags),
  });
  return done as TargetResult;
}

export async function removeImages(ctx: RunContext, targets: SuggestionTarget[], snapshot: HostSnapshot, checkAge: boolean): Promise<TargetResult[]> {
  const tagsById = new Map(snapshot.images.map((image) => [image.id, image.tags]));
  const results: TargetResult[] = [];
  for (const target of childrenFirst(targets, snapshot)) results.push(await removeOne(ctx, target, tagsById.get(target.id) ?? [], checkAge));
  return results;
}
