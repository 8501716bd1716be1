import type { EngineInfo } from "@/lib/collect/schema";

// What an engine counts in its image bytes beyond the layers the API lists, and why its per-image
// figures differ from Ballast's. Measured on Docker 20.10, 26.1 and 28.5 (docs/engines.md):
// - graph driver (overlay2): LayersSize = the listed layers exactly; from 23.0 on an untagged parent
//   (classic-builder intermediate) counts as a sharer, so "shared" can be 100% while removal frees bytes.
// - containerd image store: LayersSize also counts every snapshot the API lists under no image
//   (containers' writable and -init snapshots, BuildKit's, classic-builder leftovers) and, from
//   Docker 28.2 (moby f07242f6d7), the compressed content blobs (layers as built, manifests, configs);
//   each image's Size adds its content blobs to its unpacked snapshots, its SharedSize counts snapshots.

type EngineFacts = Pick<EngineInfo, "imageStore" | "version">;

function majorMinor(version: string): [number, number] {
  const [major, minor] = version.split(/[.+~-]/).map(Number);
  return [major || 0, minor || 0];
}

/** Docker 28.2 and newer add content blobs to LayersSize on the containerd store. */
export function countsContentBlobs(engine: EngineFacts): boolean {
  const [major, minor] = majorMinor(engine.version);
  return engine.imageStore === "containerd" && (major > 28 || (major === 28 && minor >= 2));
}

/** The name of the engine-only part, as the treemap and reports show it. */
export function engineOnlyLabel(engine: EngineFacts): string {
  if (engine.imageStore !== "containerd") return "Counted by the engine outside listed layers";
  return countsContentBlobs(engine) ? "Content blobs and unlisted snapshots (containerd store)" : "Snapshots listed under no image (containerd store)";
}

/** One line: why Docker's per-image figures differ from Ballast's on this engine; null where they agree. */
export function engineDifferenceNote(engine: EngineFacts): string | null {
  if (engine.imageStore === "containerd") {
    return countsContentBlobs(engine)
      ? "On the containerd image store Docker's size adds each image's compressed content blobs to its unpacked snapshots, and counts only snapshots as shared; Ballast's layers are the unpacked snapshots, and the blobs are their own part."
      : "On the containerd image store Docker's size adds each image's compressed content blobs to its unpacked snapshots, and counts only snapshots as shared; this engine's image total counts snapshots only.";
  }
  const [major] = majorMinor(engine.version);
  return major >= 23
    ? "This engine counts a layer as shared when an untagged parent (build-step) image also holds it, so an image can be 100% shared and still free bytes when removed."
    : null;
}

/** Splits `total` in proportion to `weights` (evenly where all are 0), as integers that add up exactly. */
export function splitExactly(total: number, weights: Map<string, number>): Map<string, number> {
  const keys = [...weights.keys()].sort();
  const result = new Map(keys.map((key) => [key, 0]));
  if (keys.length === 0 || total <= 0) return result;
  const whole = keys.reduce((sum, key) => sum + weights.get(key)!, 0);
  const exact = keys.map((key) => ({ key, value: whole > 0 ? (weights.get(key)! * total) / whole : total / keys.length }));
  let left = total;
  for (const { key, value } of exact) {
    result.set(key, Math.floor(value));
    left -= Math.floor(value);
  }
  const byFraction = [...exact].sort((a, b) => b.value - Math.floor(b.value) - (a.value - Math.floor(a.value)) || (a.key < b.key ? -1 : 1));
  for (const { key } of byFraction) {
    if (left <= 0) break;
    result.set(key, result.get(key)! + 1);
    left -= 1;
  }
  return result;
}
