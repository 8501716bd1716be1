import "server-only";
import type { LiveContainer, LiveImage, LiveVolume } from "@/lib/analysis/actionChecks";
import { EngineHttpError, type EngineClient } from "@/lib/collect/engine";
import type { BuildCacheRecord } from "@/lib/collect/schema";
import { mapBuildCache } from "@/lib/collect/engineMappers";
import { parseSystemDf, systemDfQuery } from "@/lib/collect/systemDf";

// Reads of the live host made right before each delete. Engine JSON is mapped to the small shapes the
// pure re-checks in lib/analysis/actionChecks.ts take.

type ContainerSummary = { Id: string; Names?: string[]; ImageID?: string };

const ANONYMOUS_LABEL = "com.docker.volume.anonymous";
const name = (c: ContainerSummary) => (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, "");

// Existence is read from lists, never from a 404: at API 1.41 the engine's 404 body is not passed on
// by our client (it surfaces as a transport failure), and a list answers "absent" without an error.

type ImageSummary = { Id: string; ParentId?: string; RepoTags?: string[] | null; Labels?: Record<string, string> | null };

async function containersWhere(client: EngineClient, filters: Record<string, string[]> | null): Promise<ContainerSummary[]> {
  return (await client.request("GET", "/containers/json", { all: true, ...(filters ? { filters: JSON.stringify(filters) } : {}) })) as ContainerSummary[];
}

async function allImages(client: EngineClient): Promise<ImageSummary[]> {
  return (await client.request("GET", "/images/json", { all: true })) as ImageSummary[];
}

const realTags = (tags: string[] | null | undefined) => (tags ?? []).filter((tag) => tag !== "<none>:<none>");

/** The live image by ID: tags, labels, containers (any state) using it, images built on it. */
export async function liveImage(client: EngineClient, id: string): Promise<LiveImage | null> {
  const images = await allImages(client);
  const image = images.find((candidate) => candidate.Id === id);
  if (!image) return null;
  // ImageID is exact; the `ancestor` filter would add containers of child images too.
  const containers = await containersWhere(client, null);
  return {
    id: image.Id,
    tags: realTags(image.RepoTags),
    labels: image.Labels ?? {},
    usedBy: containers.filter((c) => c.ImageID === image.Id).map(name),
    children: images.filter((candidate) => candidate.ParentId === image.Id).map((child) => realTags(child.RepoTags)[0] ?? child.Id.slice(7, 19)),
  };
}

/** The ID of the image a tag names now, or null. */
export async function imageIdOfTag(client: EngineClient, tag: string): Promise<string | null> {
  return (await allImages(client)).find((image) => realTags(image.RepoTags).includes(tag))?.Id ?? null;
}

export async function imageExists(client: EngineClient, id: string): Promise<boolean> {
  return (await allImages(client)).some((image) => image.Id === id);
}

export async function liveContainer(client: EngineClient, id: string): Promise<LiveContainer | null> {
  // The id filter matches prefixes: compare the full ID.
  const found = (await containersWhere(client, { id: [id] })).find((c) => c.Id === id) as
    (ContainerSummary & { State?: string; Labels?: Record<string, string> | null }) | undefined;
  if (!found) return null;
  return { id: found.Id, state: found.State ?? "unknown", labels: found.Labels ?? {} };
}

export async function liveVolume(client: EngineClient, volumeName: string): Promise<LiveVolume | null> {
  // The name filter matches substrings: compare the full name.
  const listed = (await client.request("GET", "/volumes", { filters: JSON.stringify({ name: [volumeName] }) })) as {
    Volumes?: { Name: string; Labels?: Record<string, string> | null }[] | null;
  };
  const volume = (listed.Volumes ?? []).find((candidate) => candidate.Name === volumeName);
  if (!volume) return null;
  const labels = volume.Labels ?? {};
  const users = await containersWhere(client, { volume: [volume.Name] });
  return {
    name: volume.Name,
    anonymous: /^[0-9a-f]{64}$/.test(volume.Name) || Object.prototype.hasOwnProperty.call(labels, ANONYMOUS_LABEL),
    labels,
    usedBy: users.map(name),
  };
}

const DF_BUSY_RETRIES = 20;

/** Build cache records from /system/df, waiting out a concurrent disk-usage call (the poller's). */
export async function liveBuildCache(client: EngineClient): Promise<BuildCacheRecord[]> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      const parsed = parseSystemDf(await client.request("GET", "/system/df", systemDfQuery((await client.api()).apiVersion)));
      if (!parsed.ok) throw new Error(`${client.endpoint} answered /system/df in an unexpected shape: ${parsed.message}`);
      return (parsed.df.BuildCache ?? []).map(mapBuildCache);
    } catch (error) {
      // /system/df refuses concurrent calls (500 "a disk usage operation is already running").
      const busy = error instanceof EngineHttpError && /already running/i.test(error.message);
      if (!busy || attempt >= DF_BUSY_RETRIES) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}
