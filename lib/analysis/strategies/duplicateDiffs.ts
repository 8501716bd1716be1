import { duplicateDiffs as findDuplicateDiffs } from "@/lib/analysis/duplicateDiffs";
import { readableCreatedBy } from "@/lib/analysis/imageDetail";
import type { HostSnapshot } from "@/lib/collect/schema";
import { count, makeSuggestion, shortId, sortTargets, sumBytes, type StrategySettings, type Suggestion } from "./types";

// Advice on the same diff ID stored on several chains (lib/analysis/duplicateDiffs.ts finds them and
// prices each extra copy, so the suggestion and the duplicate-diffs view show the same bytes).

/** A Dockerfile step as people read it, at most 80 characters. */
function stepName(createdBy: string | null, diffId: string): string {
  const text = readableCreatedBy(createdBy) ?? `layer ${shortId(diffId)}`;
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

export function duplicateDiffs(snapshot: HostSnapshot, settings: StrategySettings): Suggestion {
  const { diffs } = findDuplicateDiffs(snapshot);
  const createdBy = new Map(snapshot.layers.map((layer) => [layer.chainId, layer.createdBy]));
  const targets = sortTargets(
    diffs.map((diff) => ({
      kind: "layer" as const,
      id: diff.diffId,
      name: `${stepName(createdBy.get(diff.chains[0].chainId) ?? null, diff.diffId)} (${diff.copies} copies)`,
      bytes: diff.wastedBytes,
    })),
  );
  return makeSuggestion(
    {
      strategy: "duplicate_diffs",
      title: "Rebuild on a common base",
      reason: `The same content of ${count(diffs.length, "layer")} sits on different base chains, so Docker stores each copy again on disk.`,
      targets,
      bytes: sumBytes(targets),
      risk: "medium",
      actionable: false,
      assumption:
        "Estimate = every copy but the smallest, assuming the images carrying each layer are rebuilt on one common base so the layer sits on a single chain and is stored once.",
    },
    settings,
  );
}
