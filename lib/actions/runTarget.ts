import "server-only";
import type { StrategySettings, SuggestionTarget } from "@/lib/analysis/strategies/types";
import { EngineHttpError, type EngineClient } from "@/lib/collect/engine";
import { engineAnswers } from "@/lib/collect/liveState";
import { setOutcome } from "@/lib/store/runs";
import type { ReadBack } from "./readBack";
import { plain, result, type TargetResult } from "./targetResult";

// One target of a run: re-check live → write the intent ("deleting") → delete → write the outcome.
// When a delete fails in any way, what is left on the host is read back, so nothing that changed is
// ever reported "failed" (issue 8: tags had gone from images reported failed). A host that stops
// answering is waited for until the run's deadline; what it leaves unknown is read back later.

export type RunContext = {
  runId: string;
  hostId: string;
  client: EngineClient;
  settings: StrategySettings;
  /** The run's deadline once its host stops answering: how long it waits for the host to return. */
  hostWaitMs: number;
  now: () => Date;
  hostGone: boolean;
  /** The host did not return within hostWaitMs: every target not reached yet is "not_run". */
  gaveUp: boolean;
};

export type TargetSteps = {
  /** The live re-check: null when safe to delete, else the reason to skip. */
  check: () => Promise<string | null>;
  /** The delete. false: nothing happened and it may work later (BuildKit kept a parent): retry. */
  remove: () => Promise<boolean | void>;
  readBack: () => Promise<ReadBack>;
};

/** The target changed between the re-check and the delete (a tag moved): what was done is read back. */
export class TargetChanged extends Error {}

const HOST_RETRY_MS = 1_000;

/** Waits for a host that stopped answering, until the run's deadline; after that, never again. */
export async function hostAnswers(ctx: RunContext): Promise<boolean> {
  if (!ctx.hostGone) return true;
  if (ctx.gaveUp) return false;
  const deadline = Date.now() + ctx.hostWaitMs;
  while (!(await engineAnswers(ctx.client))) {
    if (Date.now() >= deadline) {
      ctx.gaveUp = true;
      return false;
    }
    await new Promise((resolve) => setTimeout(resolve, HOST_RETRY_MS));
  }
  ctx.hostGone = false;
  return true;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

function whyRemoveFailed(error: unknown): string {
  if (error instanceof TargetChanged) return error.message;
  if (error instanceof EngineHttpError && error.statusCode === 409) return `Docker refused: ${plain(error.message)}`;
  if (error instanceof EngineHttpError && error.statusCode === 404) return "It was already gone.";
  if (error instanceof EngineHttpError) return `Docker answered ${error.statusCode}: ${plain(error.message)}`;
  return `The host stopped answering during the delete (${message(error)}).`;
}

/** Runs one target; null when it should be tried again in a later pass (still pending). */
export async function runTarget(ctx: RunContext, target: SuggestionTarget, steps: TargetSteps): Promise<TargetResult | null> {
  const key = { kind: target.kind, targetId: target.id };
  const outcome = async (value: TargetResult["outcome"], reason: string | null) => {
    await setOutcome(ctx.runId, key, value, reason);
    return result(target, value, reason);
  };
  if (!(await hostAnswers(ctx))) return outcome("not_run", "The host did not answer again before the run's deadline; nothing was done to it.");
  let skip: string | null;
  try {
    skip = await steps.check();
  } catch (error) {
    if (!(error instanceof EngineHttpError)) ctx.hostGone = true;
    return outcome("not_run", `The re-check could not be made (${message(error)}); nothing was done to it.`);
  }
  if (skip) return outcome("skipped", skip);
  await setOutcome(ctx.runId, key, "deleting", null);
  try {
    if ((await steps.remove()) === false) {
      await setOutcome(ctx.runId, key, "pending", null);
      return null;
    }
    return outcome("removed", null);
  } catch (error) {
    const why = whyRemoveFailed(error);
    const transport = !(error instanceof EngineHttpError) && !(error instanceof TargetChanged);
    if (transport) {
      // The request may still complete on the host after the connection dropped (the fault suite saw an
      // image read back unchanged right after such an error, yet missing a tag once dockerd was back), so
      // a read back now could be stale: leave it "unknown" for the reconciler, which reads it back later.
      ctx.hostGone = true;
      return outcome("unknown", `${why} Ballast reads back what happened when the host answers again.`);
    }
    let left: ReadBack;
    try {
      if (!(await hostAnswers(ctx))) throw new Error("host gone");
      left = await steps.readBack();
    } catch {
      ctx.hostGone = true;
      return outcome("unknown", `${why} Ballast reads back what happened when the host answers again.`);
    }
    if (left === "removed") return outcome(error instanceof EngineHttpError && error.statusCode === 404 ? "skipped" : "removed", why);
    if (left === "untagged") return outcome("untagged", `${why} Its tags are gone; the image itself is still there.`);
    const kept = error instanceof TargetChanged || (error instanceof EngineHttpError && error.statusCode === 409);
    return outcome(kept ? "skipped" : "failed", why);
  }
}
