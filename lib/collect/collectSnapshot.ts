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

/** Where facts of images seen before come from (memory, or the database through lib/store). */
export type ImageFactsCache = {
  get(imageId: string): ImageFacts | undefined | Promise<ImageFacts | undefined>;
  set(imageId: string, facts: ImageFacts): void;
};

export function memoryImageFactsCache(): ImageFactsCache {
  const map = new Map<string, ImageFacts>();
  return { get: (id) => map.get(id), set: (id, facts) => void map.set(id, facts) };
}

const PARALLEL_REQUESTS = 8;

async function imageFacts(client: EngineClient, cache: ImageFactsCache, imageId: string): Promise<ImageFacts | null> {
  const cached = await cache.get(imageId);
  if (cached) return cached;
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

/** Reads one engine into a validated HostSnapshot. Throws PollFailure (or EngineHttpError) on failure. */
export async function collectSnapshot(client: EngineClient, cache: ImageFactsCache = memoryImageFactsCache()): Promise<HostSnapshot> {
  const started = Date.now();
  const takenAt = new Date(started).toISOString();
  // Through a host agent: refuse one whose protocol Ballast does not speak before anything else.
  const agentInfo = client.agent ? await checkAgent(client, client.agent) : null;
  const api = await client.api();
  const info = await getParsed(client, infoResponse, "/info");
  // /system/df refuses concurrent calls (500 "a disk usage operation is already running"): one at a
  // time per engine, process-wide, shared with approvals (issue 8).
  const df = await serialized(dfLockKey(info.ID, client.endpoint), () => getSystemDf(client, api.apiVersion));
  const summaries = await getParsed(client, imageSummaryResponse, "/images/json", { all: true });
  const facts = await mapWithConcurrency(summaries, PARALLEL_REQUESTS, (summary) => imageFacts(client, cache, summary.Id));
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
