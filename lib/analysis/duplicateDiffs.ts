import type { HostSnapshot } from "@/lib/collect/schema";
import { layerUsage } from "@/lib/analysis/imageAccounting";

// The layer store is keyed by chain ID, so the same diff ID on two different chains (the same COPY on two
// bases, say) is stored twice on disk. Each extra copy is wasted: it could have been one layer.

export type DuplicateDiffChain = {
  chainId: string;
  sizeBytes: number;
  /** Counted images whose chain includes this layer, sorted. */
  imageIds: string[];
};

export type DuplicateDiff = {
  diffId: string;
  /** The smallest copy's size; copies of one diff normally all have the same size. */
  sizeBytes: number;
  copies: number;
  /** Every copy but the smallest: (copies − 1) × size when the copies agree (dive#684: never count all). */
  wastedBytes: number;
  chains: DuplicateDiffChain[];
};

export type DuplicateDiffReport = {
  diffs: DuplicateDiff[];
  totalWastedBytes: number;
};

function toDuplicate(diffId: string, chains: DuplicateDiffChain[]): DuplicateDiff {
  const sizes = chains.map((chain) => chain.sizeBytes);
  const sizeBytes = Math.min(...sizes);
  const totalBytes = sizes.reduce((sum, size) => sum + size, 0);
  chains.sort((a, b) => b.imageIds.length - a.imageIds.length || a.chainId.localeCompare(b.chainId));
  return { diffId, sizeBytes, copies: chains.length, wastedBytes: totalBytes - sizeBytes, chains };
}

/**
 * Diff IDs stored on more than one chain, largest waste first. Every layer of the snapshot's layer store
 * counts (a layer kept only by an intermediate image is on disk too). Duplicates that waste no bytes
 * (the empty layer many builders emit on different bases) are left out: they cost nothing.
 */
export function duplicateDiffs(snapshot: Pick<HostSnapshot, "images" | "layers">): DuplicateDiffReport {
  const chainsByDiff = new Map<string, DuplicateDiffChain[]>();
  for (const { layer, imageIds } of layerUsage(snapshot).values()) {
    const chains = chainsByDiff.get(layer.diffId) ?? [];
    chains.push({ chainId: layer.chainId, sizeBytes: layer.sizeBytes, imageIds: [...imageIds].sort() });
    chainsByDiff.set(layer.diffId, chains);
  }
  const diffs = [...chainsByDiff]
    .filter(([, chains]) => chains.length > 1)
    .map(([diffId, chains]) => toDuplicate(diffId, chains))
    .filter((diff) => diff.wastedBytes > 0)
    .sort((a, b) => b.wastedBytes - a.wastedBytes || a.diffId.localeCompare(b.diffId));
  return { diffs, totalWastedBytes: diffs.reduce((sum, diff) => sum + diff.wastedBytes, 0) };
}
