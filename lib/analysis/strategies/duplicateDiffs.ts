import { layerUsage } from "@/lib/analysis/imageAccounting";
import type { HostSnapshot, Layer } from "@/lib/collect/schema";
import { count, makeSuggestion, shortId, sortTargets, sumBytes, type StrategySettings, type Suggestion } from "./types";

// The layer store is keyed by chain ID, so the same diff ID (same content) on two different chains is
// stored twice on disk. Rebuilding the images on a common base puts the diff on one chain.

/** A Dockerfile step as people read it: without the `/bin/sh -c #(nop)` noise, at most 80 characters. */
export function stepText(layer: Layer): string {
  if (layer.createdBy === null) return `layer ${shortId(layer.diffId)}`;
  const text = layer.createdBy.replace(/^\/bin\/sh -c (#\(nop\)\s*)?/, "").trim();
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** Layers a counted image uses, grouped by diff ID, keeping only diffs stored on more than one chain. */
function duplicatedDiffs(snapshot: HostSnapshot): Layer[][] {
  const byDiff = new Map<string, Layer[]>();
  for (const use of layerUsage(snapshot).values()) {
    if (use.imageIds.length === 0 || use.layer.sizeBytes === 0) continue;
    byDiff.set(use.layer.diffId, [...(byDiff.get(use.layer.diffId) ?? []), use.layer]);
  }
  return [...byDiff.values()].filter((copies) => copies.length > 1);
}

export function duplicateDiffs(snapshot: HostSnapshot, settings: StrategySettings): Suggestion {
  const groups = duplicatedDiffs(snapshot);
  const targets = sortTargets(
    groups.map((copies) => {
      // Same diff, same content: sizes should agree; take the smallest to stay conservative.
      const size = Math.min(...copies.map((layer) => layer.sizeBytes));
      return {
        kind: "layer" as const,
        id: copies[0].diffId,
        name: `${stepText(copies[0])} (${copies.length} copies)`,
        bytes: (copies.length - 1) * size,
      };
    }),
  );
  return makeSuggestion(
    {
      strategy: "duplicate_diffs",
      title: "Rebuild on a common base",
      reason: `The same content of ${count(groups.length, "layer")} sits on different base chains, so Docker stores each copy again on disk.`,
      targets,
      bytes: sumBytes(targets),
      risk: "medium",
      actionable: false,
      assumption:
        "Estimate = (copies − 1) × layer size, assuming the images carrying each layer are rebuilt on one common base so the layer sits on a single chain and is stored once.",
    },
    settings,
  );
}
