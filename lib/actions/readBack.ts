import "server-only";
import { imageReadBack } from "@/lib/analysis/actionChecks";
import type { EngineClient } from "@/lib/collect/engine";
import { liveBuildCache, liveContainer, liveImages, liveVolume } from "@/lib/collect/liveState";

export type ReadBack = "removed" | "untagged" | "unchanged";

/**
 * What is left of one target on the live host, after a delete that may or may not have happened (an
 * error mid-delete, a crash). Throws when the host does not answer: then nothing is known.
 */
export async function readBackTarget(client: EngineClient, kind: string, id: string, expectedTags: string[]): Promise<ReadBack> {
  switch (kind) {
    case "image":
      return imageReadBack(await liveImages(client), id, expectedTags);
    case "container":
      return (await liveContainer(client, id)) ? "unchanged" : "removed";
    case "volume":
      return (await liveVolume(client, id)) ? "unchanged" : "removed";
    case "build-cache":
      return (await liveBuildCache(client)).some((record) => record.id === id) ? "unchanged" : "removed";
    default:
      return "unchanged";
  }
}
