import "server-only";
import { EngineHttpError, type EngineClient } from "./engine";
import { containerInspectResponse, imageSummaryResponse, infoResponse, type ContainerInspect, type HistoryEntry, type SystemDf } from "./engineResponses";
import { mapBuildCache, mapContainer, mapVolume } from "./engineMappers";
import { buildImagesAndLayers, recountContainers } from "./imageParts";
import { readDfParts, partsChangedBetween } from "./partReads";
import { PART_KINDS, partsToRead, type PartTimes } from "./readPlan";
import { dfLockKey, lastEngineIdOf, mapWithConcurrency, rememberEngineId, serialized } from "./concurrency";
import { imageStoreOf } from "./imageStore";
import { getParsed } from "./parsedRequest";
import { PollFailure } from "./pollFailure";
import { checkAgent, readAgent, withAgentReadings } from "./agentReadings";
import { imageFactsOf } from "./imageFactsFetch";
import { hostSnapshotSchema, type Container, type HostSnapshot, type Image } from "./schema";

/** What never changes for an image ID: its diff IDs and history. Fetched once per image ID. */
export type ImageFacts = { diffIds: string[]; history: HistoryEntry[] };

/**
 * Where facts of images seen before come from (memory, or the database through lib/store). `getMany`
 * answers for all of a poll's image IDs at once: one lookup per poll, not one per image (issue 14).
 */
export type ImageFactsCache = {
  getMany(imageIds: string[]): Map<string, ImageFacts> | Promise<Map<string, ImageFacts>>;
  set(imageId: string, facts: ImageFacts): void;
};

export function memoryImageFactsCache(): ImageFactsCache {
  const map = new Map<string, ImageFacts>();
  return {
    getMany: (ids) => new Map(ids.flatMap((id) => (map.has(id) ? [[id, map.get(id)!] as const] : []))),
    set: (id, facts) => void map.set(id, facts),
  };
}

const PARALLEL_REQUESTS = 8;

async function inspectContainer(client: EngineClient, id: string): Promise<ContainerInspect | null> {
  try {
    return await getParsed(client, containerInspectResponse, `/containers/${id}/json`);
  } catch (error) {
    if (error instanceof EngineHttpError && error.statusCode === 404) return null;
    throw error;
  }
}

/**
 * Like Promise.all, but when several fail it throws the first one's error in the given order, not in
 * time: a poll fails with the same cause as it did when these ran one after another (the /info or
 * /system/df failure, not a later request's), whichever answered first.
 */
async function allInOrder<T extends readonly unknown[]>(promises: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((result) => result.status === "rejected");
  if (failed) throw failed.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/** What a poll leaves for the next poll of the same host (kept in memory by the poller). */
export type PollMemory = { engineId: string; apiVersion: string; engineTime: string | null; snapshot: HostSnapshot & { asOf: PartTimes } };

export type CollectOptions = {
  /** The previous poll of this host in this process, if any: parts not read again are carried from it. */
  previous?: PollMemory | null;
  /** Read every part (a person asked for this poll). Default: read everything. */
  fresh?: boolean;
  /** The longest a part is carried without being read again (BALLAST_PART_MAX_AGE_SEC). */
  maxAgeSec?: number;
};

/** Reads one engine into a validated HostSnapshot. Throws PollFailure (or EngineHttpError) on failure. */
export async function collectSnapshot(client: EngineClient, cache: ImageFactsCache = memoryImageFactsCache()): Promise<HostSnapshot> {
  return (await collectPoll(client, cache)).snapshot;
}

const withCounts = (images: Image[], containers: Container[]) => recountContainers(images, containers);

/**
 * Reads one engine into a validated HostSnapshot: every part, or (with `previous` and not `fresh`)
 * only the parts readPlan.ts says may have changed, the others carried with the time they were read.
 */
export async function collectPoll(
  client: EngineClient,
  cache: ImageFactsCache,
  options: CollectOptions = {},
): Promise<{ snapshot: HostSnapshot; memory: PollMemory }> {
  const started = Date.now();
  const takenAt = new Date(started).toISOString();
  const fresh = options.fresh ?? true;
  // Through a host agent: refuse one whose protocol Ballast does not speak before anything else.
  const agentInfo = client.agent ? await checkAgent(client, client.agent) : null;
  const api = await client.api();
  const readImages = () =>
    getParsed(client, imageSummaryResponse, "/images/json", { all: true }).then(async (summaries) => ({
      summaries,
      facts: await imageFactsOf(client, cache, summaries),
    }));
  // A full read overlaps the image list and its facts with /info and then /system/df (issue 14).
  const readsAll = fresh || !options.previous;
  const early = readsAll ? readImages() : null;
  early?.catch(() => undefined);
  // /system/df refuses concurrent calls (500 "a disk usage operation is already running"): one at a
  // time per engine, process-wide, shared with approvals (issue 8). The lock is keyed by /info's ID; a
  // full read of an engine seen before starts under the ID it had then, alongside /info.
  const knownId = readsAll ? (options.previous?.engineId ?? lastEngineIdOf(client.endpoint)) : null;
  const earlyDf = knownId ? serialized(dfLockKey(knownId, client.endpoint), () => readDfParts(client, api.apiVersion, new Set(PART_KINDS))) : null;
  earlyDf?.catch(() => undefined);
  const info = await getParsed(client, infoResponse, "/info");
  rememberEngineId(client.endpoint, info.ID);
  const previous = options.previous?.engineId === info.ID && options.previous.apiVersion === api.apiVersion ? options.previous : null;
  const changed = previous && !fresh && previous.engineTime ? await partsChangedBetween(client, previous.engineTime, info.SystemTime) : null;
  const plan = partsToRead({ readAt: previous?.snapshot.asOf ?? null, changed, nowMs: started, maxAgeSec: options.maxAgeSec ?? 0, fresh });
  const dfRead = earlyDf ?? serialized(dfLockKey(info.ID, client.endpoint), () => readDfParts(client, api.apiVersion, plan));
  const listed = early ?? (plan.has("images") ? readImages() : Promise.resolve(null));
  const [{ df, read }, firstList] = await allInOrder([dfRead, listed] as const);
  // An older engine may have answered more parts than asked (the whole /system/df).
  const list = read.has("images") ? (firstList ?? (await readImages())) : null;
  const containers =
    read.has("containers") || !previous
      ? await readContainers(client, df, previous?.snapshot.containers ?? [], info.LoggingDriver)
      : previous.snapshot.containers;
  const built = list ? buildImagesAndLayers(list.summaries, list.facts, df.Images, containers) : null;
  const asOf = Object.fromEntries(PART_KINDS.map((part) => [part, read.has(part) || !previous ? takenAt : previous.snapshot.asOf[part]])) as PartTimes;
  const collected: HostSnapshot = {
    takenAt,
    durationMs: Date.now() - started,
    engine: {
      id: info.ID,
      name: info.Name,
      version: api.engineVersion,
      apiVersion: api.apiVersion,
      maxApiVersion: api.maxApiVersion,
      imageStore: imageStoreOf(info),
      storageDriver: info.Driver,
      dataRoot: info.DockerRootDir,
      os: info.OperatingSystem,
      arch: info.Architecture,
      kernelVersion: info.KernelVersion,
      cpus: info.NCPU,
      memoryBytes: info.MemTotal,
    },
    layersSizeBytes: built || !previous ? df.LayersSize : previous.snapshot.layersSizeBytes,
    images: built ? built.images : withCounts(previous?.snapshot.images ?? [], containers),
    layers: built ? built.layers : (previous?.snapshot.layers ?? []),
    containers,
    volumes: read.has("volumes") || !previous ? (df.Volumes ?? []).map(mapVolume) : previous.snapshot.volumes,
    buildCache: read.has("buildCache") || !previous ? (df.BuildCache ?? []).map(mapBuildCache) : previous.snapshot.buildCache,
    // Absent when every part was read now (schema.ts).
    ...(PART_KINDS.some((part) => asOf[part] !== takenAt) ? { asOf } : {}),
  };
  const snapshot = client.agent && agentInfo ? withAgentReadings(collected, await readAgent(client, client.agent, agentInfo)) : collected;
  const validated = hostSnapshotSchema.safeParse(snapshot);
  if (!validated.success) {
    const issue = validated.error.issues[0];
    throw new PollFailure("invalid_response", `${client.endpoint} gave data Ballast cannot use at ${issue?.path.join(".")}: ${issue?.message}`);
  }
  return {
    snapshot: validated.data,
    memory: { engineId: info.ID, apiVersion: api.apiVersion, engineTime: info.SystemTime ?? null, snapshot: { ...validated.data, asOf } },
  };
}

/**
 * The containers /system/df listed, each with its log settings: inspected once per container ID (a
 * container's log driver, options and path never change), carried from the previous poll otherwise.
 */
async function readContainers(client: EngineClient, df: SystemDf, previous: Container[], defaultLogDriver: string): Promise<Container[]> {
  const known = new Map(previous.map((container) => [container.id, container]));
  const listed = df.Containers ?? [];
  const inspects = await mapWithConcurrency(listed, PARALLEL_REQUESTS, (container) =>
    known.has(container.Id) ? Promise.resolve(null) : inspectContainer(client, container.Id),
  );
  return listed.map((container, index) => {
    const mapped = mapContainer(container, inspects[index], defaultLogDriver);
    const before = known.get(container.Id);
    return before ? { ...mapped, logDriver: before.logDriver, logOptions: before.logOptions, logPath: before.logPath } : mapped;
  });
}
