import "server-only";
import { buildCacheSkipReason } from "@/lib/analysis/actionChecks";
import type { StrategySettings, SuggestionTarget } from "@/lib/analysis/strategies/types";
import type { EngineClient } from "@/lib/collect/engine";
import type { BuildCacheRecord } from "@/lib/collect/schema";
import { liveBuildCache } from "./liveHost";
import { refused, result, type TargetResult } from "./targetResult";

// Build cache records are removed one at a time with POST /build/prune and an `id` filter. At API 1.41
// dockerd turns `id` into BuildKit's `id~=value`, a regular expression, and allows one value per call:
// anchoring it (^id$) makes it match exactly that record (measured on dockerd 20.10). `all` only lifts
// BuildKit's default of keeping internal/frontend records; the anchored filter still limits it to one.
// A parent is kept while a child record needs it, so records are retried after their children go.

const SAFE_ID = /^[A-Za-z0-9]+$/;
const MAX_PASSES = 5;

async function pruneOne(client: EngineClient, id: string): Promise<boolean> {
  const answer = (await client.request("POST", "/build/prune", { all: true, filters: JSON.stringify({ id: [`^${id}$`] }) })) as {
    CachesDeleted?: string[] | null;
  } | null;
  return (answer?.CachesDeleted ?? []).includes(id);
}

export async function removeBuildCache(
  client: EngineClient,
  targets: SuggestionTarget[],
  settings: StrategySettings,
  now: () => Date,
): Promise<TargetResult[]> {
  const done = new Map<string, TargetResult>();
  let pending = targets;
  for (let pass = 0; pass < MAX_PASSES && pending.length > 0; pass += 1) {
    let live: Map<string, BuildCacheRecord>;
    try {
      live = new Map((await liveBuildCache(client)).map((record) => [record.id, record]));
    } catch (error) {
      for (const target of pending) done.set(target.id, refused(target, error));
      pending = [];
      break;
    }
    const next: SuggestionTarget[] = [];
    for (const target of pending) {
      const skip = SAFE_ID.test(target.id) ? buildCacheSkipReason(live.get(target.id), settings, now()) : "Its ID is not a BuildKit record ID.";
      if (skip) {
        done.set(target.id, result(target, "skipped", pass === 0 ? skip : `${skip} (after another record was removed)`));
        continue;
      }
      try {
        if (await pruneOne(client, target.id)) done.set(target.id, result(target, "removed", null));
        else next.push(target);
      } catch (error) {
        done.set(target.id, refused(target, error));
      }
    }
    if (next.length === pending.length) break;
    pending = next;
  }
  for (const target of pending) {
    if (!done.has(target.id)) done.set(target.id, result(target, "skipped", "BuildKit kept it: another cache record still depends on it."));
  }
  return targets.map((target) => done.get(target.id) as TargetResult);
}
