import "server-only";
import type { z } from "zod";
import { EngineHttpError, type EngineClient } from "./engine";
import {
  containerInspectResponse,
  historyResponse,
  imageInspectResponse,
  imageSummaryResponse,
  infoResponse,
  type ContainerInspect,
  type HistoryEntry,
  type SystemDf,
} from "./engineResponses";
import { intermediateImageIds, mapBuildCache, mapContainer, mapVolume, realDigests, realTags } from "./engineMappers";
import { alignHistoryToLayers, chainIdsFromDiffIds } from "./layerHistory";
import { dfLockKey, mapWithConcurrency, serialized } from "./concurrency";
import { imageStoreOf } from "./imageStore";
import { getParsed } from "./parsedRequest";
import { PollFailure } from "./pollFailure";
import { checkAgent, readAgent, withAgentReadings } from "./agentReadings";
import { getSystemDf } from "./systemDf";
import { hostSnapshotSchema, type HostSnapshot, type Image, type Layer } from "./schema";

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

async function fetchImageFacts(client: EngineClient, cache: ImageFactsCache, imageId: string): Promise<ImageFacts | null> {
  try {
    const inspect = await getParsed(client, imageInspectResponse, `/images/${imageId}/json`);
    const history = await getParsed(client, historyResponse, `/images/${imageId}/history`);
    const facts = { diffIds: inspect.RootFS.Layers ?? [], history };
    cache.set(imageId, facts);
    return facts;
  } catch (error) {
    // Removed between the list and this call: leave it out of this snapshot.
    if (error instanceof EngineHttpError && error.statusCode === 404) return null;
    throw error;
  }
}

/** Facts of every listed image, in list order: known ones from one cache lookup, only unseen ones from the engine. */
async function imageFactsOf(client: EngineClient, cache: ImageFactsCache, summaries: z.infer<typeof imageSummaryResponse>): Promise<(ImageFacts | null)[]> {
  const known = await cache.getMany([...new Set(summaries.map((summary) => summary.Id))]);
  return mapWithConcurrency(summaries, PARALLEL_REQUESTS, async (summary) => known.get(summary.Id) ?? fetchImageFacts(client, cache, summary.Id));
}

async function inspectContainer(client: EngineClient, id: string): Promise<ContainerInspect | null> {
  try {
    return await getParsed(client, containerInspectResponse, `/containers/${id}/json`);
  } catch (error) {
    if (error instanceof EngineHttpError && error.statusCode === 404) return null;
    throw error;
  }
}

function buildImagesAndLayers(
  summaries: z.infer<typeof imageSummaryResponse>,
  facts: (ImageFacts | null)[],
  df: SystemDf,
): { images: Image[]; layers: Layer[] } {
  const intermediates = intermediateImageIds(summaries);
  const dfImages = new Map((df.Images ?? []).map((image) => [image.Id, image]));
  const containersByImage = new Map<string, number>();
  for (const container of df.Containers ?? []) {
    containersByImage.set(container.ImageID, (containersByImage.get(container.ImageID) ?? 0) + 1);
  }
  const layers = new Map<string, Layer>();
  const images: Image[] = [];
  summaries.forEach((summary, index) => {
    const fact = facts[index];
    if (!fact) return;
    const chain = chainIdsFromDiffIds(fact.diffIds);
    const steps = alignHistoryToLayers(fact.history, chain.length, summary.Size);
    chain.forEach((chainId, position) => {
      if (layers.has(chainId)) return;
      layers.set(chainId, {
        chainId,
        diffId: fact.diffIds[position],
        parentChainId: position === 0 ? null : chain[position - 1],
        ...steps[position],
      });
    });
    const tags = realTags(summary.RepoTags);
    const dfImage = dfImages.get(summary.Id);
    images.push({
      id: summary.Id,
      tags,
      digests: realDigests(summary.RepoDigests),
      createdAt: new Date(summary.Created * 1000).toISOString(),
      parentId: summary.ParentId || null,
      labels: summary.Labels ?? {},
      chain,
      sizeBytes: summary.Size,
      dangling: tags.length === 0,
      intermediate: intermediates.has(summary.Id),
      engineSizeBytes: dfImage?.Size ?? null,
      engineSharedBytes: dfImage && dfImage.SharedSize >= 0 ? dfImage.SharedSize : null,
      containers: containersByImage.get(summary.Id) ?? 0,
    });
  });
  return { images, layers: [...layers.values()] };
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

/** Reads one engine into a validated HostSnapshot. Throws PollFailure (or EngineHttpError) on failure. */
export async function collectSnapshot(client: EngineClient, cache: ImageFactsCache = memoryImageFactsCache()): Promise<HostSnapshot> {
  const started = Date.now();
  const takenAt = new Date(started).toISOString();
  // Through a host agent: refuse one whose protocol Ballast does not speak before anything else.
  const agentInfo = client.agent ? await checkAgent(client, client.agent) : null;
  const api = await client.api();
  // Independent requests overlap: the image list and its facts while /info and then /system/df run
  // (the engine's slowest call), instead of one after another (issue 14).
  const infoRead = getParsed(client, infoResponse, "/info");
  // /system/df refuses concurrent calls (500 "a disk usage operation is already running"): one at a
  // time per engine, process-wide, shared with approvals (issue 8). The lock is keyed by /info's ID.
  const dfRead = infoRead.then((info) => serialized(dfLockKey(info.ID, client.endpoint), () => getSystemDf(client, api.apiVersion)));
  const imagesRead = getParsed(client, imageSummaryResponse, "/images/json", { all: true }).then(async (summaries) => ({
    summaries,
    facts: await imageFactsOf(client, cache, summaries),
  }));
  const [info, df, { summaries, facts }] = await allInOrder([infoRead, dfRead, imagesRead] as const);
  const dfContainers = df.Containers ?? [];
  const inspects = await mapWithConcurrency(dfContainers, PARALLEL_REQUESTS, (container) => inspectContainer(client, container.Id));
  const { images, layers } = buildImagesAndLayers(summaries, facts, df);
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
    layersSizeBytes: df.LayersSize,
    images,
    layers,
    containers: dfContainers.map((container, index) => mapContainer(container, inspects[index], info.LoggingDriver)),
    volumes: (df.Volumes ?? []).map(mapVolume),
    buildCache: (df.BuildCache ?? []).map(mapBuildCache),
  };
  const snapshot = client.agent && agentInfo ? withAgentReadings(collected, await readAgent(client, client.agent, agentInfo)) : collected;
  const validated = hostSnapshotSchema.safeParse(snapshot);
  if (!validated.success) {
    const issue = validated.error.issues[0];
    throw new PollFailure("invalid_response", `${client.endpoint} gave data Ballast cannot use at ${issue?.path.join(".")}: ${issue?.message}`);
  }
  return validated.data;
}
