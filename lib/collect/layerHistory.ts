import crypto from "node:crypto";
import type { HistoryEntry } from "./engineResponses";

// Lines up an image's history steps with its layers. The Engine API's history (newest first) has a
// `Size` per step equal to the layer's diff size, but no EmptyLayer flag: metadata steps (ENV, LABEL,
// CMD, …) have Size 0 and no layer, and so can a RUN that changed nothing. We mark every step with
// bytes as a layer, then pick the remaining layers among the zero-byte steps, build steps first.
// A wrong pick can only mislabel a zero-byte layer: sizes are always right.

export type LayerStep = { sizeBytes: number; createdBy: string | null; createdAt: string | null };

const METADATA_STEP = /^(?:\/bin\/sh -c #\(nop\)\s+)?(ENV|LABEL|CMD|ENTRYPOINT|EXPOSE|USER|VOLUME|ARG|ONBUILD|STOPSIGNAL|HEALTHCHECK|SHELL|MAINTAINER)\b/;

export function isMetadataStep(createdBy: string): boolean {
  return METADATA_STEP.test(createdBy.trim());
}

/** chain₀ = diff₀, chainₙ = sha256(chainₙ₋₁ + " " + diffₙ) — the layer store's key. */
export function chainIdsFromDiffIds(diffIds: string[]): string[] {
  const chain: string[] = [];
  for (const [index, diffId] of diffIds.entries()) {
    chain.push(
      index === 0
        ? diffId
        : `sha256:${crypto
            .createHash("sha256")
            .update(`${chain[index - 1]} ${diffId}`)
            .digest("hex")}`,
    );
  }
  return chain;
}

/**
 * One LayerStep per layer, base first. `imageSizeBytes` (the image's total) fills in what history
 * cannot: when history describes fewer layers than the image has (imported or hand-made images), the
 * remaining bytes go to the last undescribed layer, so the image's total stays exact.
 */
export function alignHistoryToLayers(historyNewestFirst: HistoryEntry[], layerCount: number, imageSizeBytes: number): LayerStep[] {
  const steps = [...historyNewestFirst].reverse();
  const withBytes = steps.filter((step) => step.Size > 0).length;
  let needed = layerCount - withBytes;
  const chosen = new Set<number>();
  steps.forEach((step, index) => step.Size > 0 && chosen.add(index));
  for (const preferBuildSteps of [true, false]) {
    steps.forEach((step, index) => {
      if (needed <= 0 || chosen.has(index)) return;
      if (preferBuildSteps && isMetadataStep(step.CreatedBy)) return;
      chosen.add(index);
      needed -= 1;
    });
  }
  const layers: LayerStep[] = steps
    .filter((_, index) => chosen.has(index))
    .slice(0, layerCount)
    .map((step) => ({
      sizeBytes: step.Size,
      createdBy: step.CreatedBy || null,
      createdAt: step.Created > 0 ? new Date(step.Created * 1000).toISOString() : null,
    }));
  const described = layers.reduce((sum, layer) => sum + layer.sizeBytes, 0);
  while (layers.length < layerCount) layers.push({ sizeBytes: 0, createdBy: null, createdAt: null });
  if (described < imageSizeBytes && layers.length > 0) {
    const last = [...layers].reverse().find((layer) => layer.createdBy === null) ?? null;
    if (last) last.sizeBytes += imageSizeBytes - described;
  }
  return layers;
}
