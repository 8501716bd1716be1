import { apiAtLeast } from "./apiVersion";
import type { EngineClient } from "./engine";
import { containerListResponse, type SystemDf } from "./engineResponses";
import { getParsed } from "./parsedRequest";
import { engineEvent, PART_KINDS, partsChangedBy, type PartKind } from "./readPlan";
import { getSystemDf } from "./systemDf";

// Reading only some parts of /system/df (issue 14). API 1.42 added `?type=image|container|volume|
// build-cache`: each part on its own, so a poll that needs the containers does not pay for the image
// walk. Older engines (20.10, API 1.41) answer everything at once; there the containers alone come from
// /containers/json?size=1, the same list with the same SizeRw/SizeRootFs /system/df reports (the
// engine fills both from one function), and anything else needs the whole /system/df.

const DF_TYPE: Record<PartKind, string> = { images: "image", containers: "container", volumes: "volume", buildCache: "build-cache" };

/** The parts asked for (or more: all of them where the engine cannot answer less). Callers hold the engine's df lock. */
export async function readDfParts(client: EngineClient, apiVersion: string, parts: Set<PartKind>): Promise<{ df: SystemDf; read: Set<PartKind> }> {
  const all = PART_KINDS.every((part) => parts.has(part));
  if (!apiAtLeast(apiVersion, "1.42")) {
    if (parts.size === 1 && parts.has("containers")) {
      const containers = await getParsed(client, containerListResponse, "/containers/json", { all: true, size: true });
      return { df: { LayersSize: 0, Containers: containers }, read: parts };
    }
    if (parts.size === 0) return { df: { LayersSize: 0 }, read: parts };
    return { df: await getSystemDf(client, apiVersion), read: new Set(PART_KINDS) };
  }
  if (all) return { df: await getSystemDf(client, apiVersion), read: parts };
  const df: SystemDf = { LayersSize: 0 };
  // One type per request, one after another: the engine runs one disk-usage operation at a time, and a
  // Ballast agent passes one `type` per request.
  for (const part of PART_KINDS.filter((kind) => parts.has(kind))) {
    const answer = await getSystemDf(client, apiVersion, { type: DF_TYPE[part] });
    if (part === "images") Object.assign(df, { LayersSize: answer.LayersSize, Images: answer.Images });
    if (part === "containers") df.Containers = answer.Containers;
    if (part === "volumes") df.Volumes = answer.Volumes;
    if (part === "buildCache") df.BuildCache = answer.BuildCache;
  }
  return { df, read: parts };
}

/** Engine time (`/info` SystemTime) → Unix seconds, or null. */
const seconds = (time: string | null | undefined) => {
  const ms = time ? Date.parse(time) : NaN;
  return Number.isNaN(ms) ? null : ms / 1000;
};

/**
 * The parts the engine's events between two of its own times changed, or null when they cannot be read.
 * `until` is the engine's own time at this poll's /info (never in its future: it would wait for it), to
 * the millisecond; `since` is a second before the previous poll's, so an event at a boundary is seen
 * twice, never missed.
 */
export async function partsChangedBetween(client: EngineClient, since: string, until: string | null | undefined): Promise<Set<PartKind> | null> {
  const from = seconds(since);
  const to = seconds(until);
  if (!client.requestLines || from === null || to === null || to < from) return null;
  try {
    const events = await client.requestLines("/events", {
      since: (from - 1).toFixed(3),
      until: to.toFixed(3),
      filters: { type: ["image", "container", "volume"] },
    });
    const changed = new Set<PartKind>();
    for (const event of events) {
      const parsed = engineEvent.safeParse(event);
      if (!parsed.success) return null;
      for (const part of partsChangedBy(parsed.data)) changed.add(part);
    }
    return changed;
  } catch {
    // A host agent that does not pass /events, an engine that refuses it: read everything.
    return null;
  }
}
