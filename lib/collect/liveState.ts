import { dfLockKey, serialized } from "./concurrency";
import type { EngineClient } from "./engine";
import {
  containerListResponse,
  imageSummaryResponse,
  infoResponse,
  systemDfResponse,
  volumeListResponse,
  versionResponse,
  type ImageSummary,
} from "./engineResponses";
import { mapBuildCache, mapContainer, mapVolume } from "./engineMappers";
import { getParsed } from "./parsedRequest";
import type { BuildCacheRecord, Container, Volume } from "./schema";
import { getSystemDf } from "./systemDf";

// What an approved cleanup reads from the live host just before each delete, through the collector's
// own schemas and mappers: the re-check and the snapshot it checks against cannot read one answer two
// ways (issue 8). Existence is read from lists, never from a 404: at API 1.41 the engine's 404 body is
// not passed on by our client, and a list answers "absent" without an error.

export async function liveImages(client: EngineClient): Promise<ImageSummary[]> {
  return getParsed(client, imageSummaryResponse, "/images/json", { all: true });
}

/** Containers in any state, mapped as a snapshot maps them (mounts, labels, state). */
export async function liveContainers(client: EngineClient, filters?: Record<string, string[]>): Promise<Container[]> {
  const listed = await getParsed(client, containerListResponse, "/containers/json", { all: true, ...(filters ? { filters: JSON.stringify(filters) } : {}) });
  return listed.map((container) => mapContainer(container, null, ""));
}

/** The container with exactly this ID (the id filter matches prefixes), or null. */
export async function liveContainer(client: EngineClient, id: string): Promise<Container | null> {
  return (await liveContainers(client, { id: [id] })).find((container) => container.id === id) ?? null;
}

/** The volume with exactly this name (the name filter matches substrings), or null. */
export async function liveVolume(client: EngineClient, name: string): Promise<Volume | null> {
  const listed = await getParsed(client, volumeListResponse, "/volumes", { filters: JSON.stringify({ name: [name] }) });
  const volume = (listed.Volumes ?? []).find((candidate) => candidate.Name === name);
  return volume ? mapVolume(volume) : null;
}

/** Build cache records from /system/df, under the engine's one disk-usage lock (shared with polls). */
export async function liveBuildCache(client: EngineClient): Promise<BuildCacheRecord[]> {
  const info = await getParsed(client, infoResponse, "/info");
  const api = await client.api();
  const df = await serialized(dfLockKey(info.ID, client.endpoint), () => getSystemDf(client, api.apiVersion));
  return (df.BuildCache ?? []).map(mapBuildCache);
}

/** Whether the engine answers at all (GET /version). */
export async function engineAnswers(client: EngineClient): Promise<boolean> {
  try {
    await getParsed(client, versionResponse, "/version");
    return true;
  } catch {
    return false;
  }
}
