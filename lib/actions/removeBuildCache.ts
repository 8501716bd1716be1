import "server-only";
import { buildCacheSkipReason } from "@/lib/analysis/actionChecks";
import type { SuggestionTarget } from "@/lib/analysis/strategies/types";
import type { EngineClient } from "@/lib/collect/engine";
import { buildPruneResponse } from "@/lib/collect/engineResponses";
import { liveBuildCache } from "@/lib/collect/liveState";
import { requestParsed } from "@/lib/collect/parsedRequest";
import type { BuildCacheRecord } from "@/lib/collect/schema";
import { setOutcome } from "@/lib/store/runs";
import { readBackTarget } from "./readBack";
import { runTarget, type RunContext } from "./runTarget";
import { result, type TargetResult } from "./targetResult";

// Build cache records are removed one at a time with POST /build/prune and an `id` filter. At API 1.41
// dockerd turns `id` into BuildKit's `id~=value`, a regular expression, and allows one value per call:
// anchoring it (^id$) makes it match exactly that record (measured on dockerd 20.10). `all` only lifts
// BuildKit's default of keeping internal/frontend records; the anchored filter still limits it to one.
// A parent is kept while a child record needs it, so records are retried after their children go.
// The live records are read once per pass (one /system/df, under the engine's disk-usage lock).

const SAFE_ID = /^[A-Za-z0-9]+$/;
const MAX_PASSES = 5;

async function pruneOne(client: EngineClient, id: string): Promise<boolean> {
  const answer = await requestParsed(client, "POST", buildPruneResponse, "/build/prune", { all: true, filters: JSON.stringify({ id: [`^${id}$`] }) });
  return (answer?.CachesDeleted ?? []).includes(id);
}

export async function removeBuildCache(ctx: RunContext, targets: SuggestionTarget[]): Promise<TargetResult[]> {
  const done = new Map<string, TargetResult>();
  let pending = targets;
  for (let pass = 0; pass < MAX_PASSES && pending.length > 0; pass += 1) {
    let live: Map<string, BuildCacheRecord> | null = null;
    const next: SuggestionTarget[] = [];
    for (const target of pending) {
      const finished = await runTarget(ctx, target, {
        check: async () => {
          if (!SAFE_ID.test(target.id)) return "Its ID is not a BuildKit record ID.";
          live ??= new Map((await liveBuildCache(ctx.client)).map((record) => [record.id, record]));
          const skip = buildCacheSkipReason(live.get(target.id), ctx.settings, ctx.now());
          return skip && pass > 0 ? `${skip} (after another record was removed)` : skip;
        },
        remove: () => pruneOne(ctx.client, target.id),
        readBack: () => readBackTarget(ctx.client, "build-cache", target.id, []),
      });
      if (finished) done.set(target.id, finished);
      else next.push(target);
    }
    if (next.length === pending.length) break;
    pending = next;
  }
  for (const target of pending) {
    if (done.has(target.id)) continue;
    const reason = "BuildKit kept it: another cache record still depends on it.";
    await setOutcome(ctx.runId, { kind: target.kind, targetId: target.id }, "skipped", reason);
    done.set(target.id, result(target, "skipped", reason));
  }
  return targets.map((target) => done.get(target.id) as TargetResult);
}
