import type { z } from "zod";
import { EngineHttpError, type EngineClient } from "./engine";
import type { ImageFacts, ImageFactsCache } from "./collectSnapshot";
import { historyWithIdsResponse, imageInspectResponse, type HistoryEntry, type HistoryWithIds, type ImageSummary } from "./engineResponses";
import { intermediateImageIds } from "./engineMappers";
import { isMetadataStep } from "./layerHistory";
import { mapWithConcurrency } from "./concurrency";
import { getParsed, parseAnswer } from "./parsedRequest";

// The immutable facts (diff IDs, history) of every listed image: those seen before from one cache
// lookup, the others from the engine in one batch, pipelined where the client can (issue 14: a cold
// poll of 1,249 images made 2,498 calls one image after another).
//
// Classic-builder intermediates (half the image IDs on such hosts) mostly need no call at all: a
// child's history lists every ancestor step with the ancestor's image ID (`Id`), newest first, so an
// ancestor's history is the child's from the ancestor's entry on (its own /history answers exactly
// that). When the steps between the two are metadata only (LABEL, ENV, CMD …, no bytes), both have the
// same layers, so the ancestor's diff IDs are the child's too; otherwise one inspect gives them.

const stripIds = (history: HistoryWithIds): HistoryEntry[] => history.map(({ Created, CreatedBy, Size, Comment }) => ({ Created, CreatedBy, Size, Comment }));

/**
 * GETs of one kind each, validated; null for an image removed meanwhile (404: left out of this snapshot).
 * Pipelined where the client can (engine.ts getMany: a cold poll's ~1,250 requests cost Ballast and the
 * engine much less that way), else at most the client's parallel requests at once. The first failure
 * in the order asked is thrown.
 */
async function getEach(client: EngineClient, requests: { schema: z.ZodType; path: string }[]): Promise<unknown[]> {
  const gone = (error: unknown) => error instanceof EngineHttpError && error.statusCode === 404;
  if (client.getMany && requests.length > 1) {
    const answers = await client.getMany(requests.map((request) => request.path));
    return answers.map((answer, index) => {
      if (!answer.ok) {
        if (gone(answer.error)) return null;
        throw answer.error;
      }
      return parseAnswer(client, requests[index].schema, requests[index].path, answer.value);
    });
  }
  const settled = await mapWithConcurrency(requests, client.parallelRequests ?? 16, ({ schema, path }) =>
    getParsed(client, schema, path).then(
      (value: unknown) => ({ value }),
      (error: unknown) => (gone(error) ? { value: null } : { error }),
    ),
  );
  return settled.map((result) => {
    if ("error" in result) throw result.error;
    return result.value;
  });
}

type Inspect = z.infer<typeof imageInspectResponse>;
const inspectOf = (id: string) => ({ schema: imageInspectResponse, path: `/images/${id}/json` });
const historyOf = (id: string) => ({ schema: historyWithIdsResponse, path: `/images/${id}/history` });

/** Inspect and history of each image (all in one batch): its facts and raw history, or null when it went meanwhile. */
async function fetchBoth(client: EngineClient, ids: string[]): Promise<({ facts: ImageFacts; raw: HistoryWithIds } | null)[]> {
  const answers = await getEach(
    client,
    ids.flatMap((id) => [inspectOf(id), historyOf(id)]),
  );
  return ids.map((_, index) => {
    const inspect = answers[2 * index] as Inspect | null;
    const raw = answers[2 * index + 1] as HistoryWithIds | null;
    return inspect && raw ? { facts: { diffIds: inspect.RootFS.Layers ?? [], history: stripIds(raw) }, raw } : null;
  });
}

type Derived = { history: HistoryEntry[]; sameLayersAs: string | null };

/** Ancestors' histories from fetched histories, and which of them have the same layers as their child. */
export function deriveAncestors(raws: Map<string, HistoryWithIds>, wanted: Set<string>, sizeOf: Map<string, number>): Map<string, Derived> {
  const derived = new Map<string, Derived>();
  for (const [imageId, raw] of raws) {
    let newerId = imageId;
    let newerIndex = 0;
    raw.forEach((entry, index) => {
      const id = entry.Id ?? "";
      if (index === 0 || !id.startsWith("sha256:")) return;
      if (wanted.has(id) && !derived.has(id)) {
        const ownSteps = raw.slice(newerIndex, index);
        const metadataOnly = ownSteps.every((step) => step.Size === 0 && isMetadataStep(step.CreatedBy));
        const sameSize = sizeOf.get(id) === sizeOf.get(newerId);
        derived.set(id, { history: stripIds(raw.slice(index)), sameLayersAs: metadataOnly && sameSize ? newerId : null });
      }
      newerId = id;
      newerIndex = index;
    });
  }
  return derived;
}

/** Facts of every listed image, in list order; null for one removed meanwhile. */
export async function imageFactsOf(client: EngineClient, cache: ImageFactsCache, summaries: ImageSummary[]): Promise<(ImageFacts | null)[]> {
  const known = await cache.getMany([...new Set(summaries.map((summary) => summary.Id))]);
  const unseen = [...new Set(summaries.map((summary) => summary.Id).filter((id) => !known.has(id)))];
  const intermediates = intermediateImageIds(summaries);
  const facts = new Map<string, ImageFacts | null>(known);
  const raws = new Map<string, HistoryWithIds>();
  // 1. Images that are not intermediates: inspect and history.
  const leaves = unseen.filter((id) => !intermediates.has(id));
  (await fetchBoth(client, leaves)).forEach((fetched, index) => {
    facts.set(leaves[index], fetched?.facts ?? null);
    if (fetched) raws.set(leaves[index], fetched.raw);
  });
  // 2. Intermediates: from their descendants' histories; an inspect only where they have other layers.
  const wanted = new Set(unseen.filter((id) => intermediates.has(id)));
  const derived = deriveAncestors(raws, wanted, new Map(summaries.map((summary) => [summary.Id, summary.Size])));
  const sameLayers = new Map<string, HistoryEntry[]>();
  const inspectOnly: string[] = [];
  const orphans: string[] = [];
  for (const id of wanted) {
    const from = derived.get(id);
    if (from?.sameLayersAs) sameLayers.set(id, from.history);
    else if (from) inspectOnly.push(id);
    else orphans.push(id);
  }
  // One after the other: together they would exceed the client's parallel requests (ssh).
  const inspects = await getEach(client, inspectOnly.map(inspectOf));
  const fetchedOrphans = await fetchBoth(client, orphans);
  inspectOnly.forEach((id, index) => {
    const inspect = inspects[index] as Inspect | null;
    facts.set(id, inspect ? { diffIds: inspect.RootFS.Layers ?? [], history: derived.get(id)!.history } : null);
  });
  orphans.forEach((id, index) => facts.set(id, fetchedOrphans[index]?.facts ?? null));
  // Same-layer intermediates take the diff IDs of the nearest descendant that has its own.
  const diffIdsVia = (id: string, hops = 0): string[] | null => {
    const own = facts.get(id);
    if (own) return own.diffIds;
    const via = derived.get(id)?.sameLayersAs;
    return via && hops < wanted.size ? diffIdsVia(via, hops + 1) : null;
  };
  const unresolved: string[] = [];
  for (const [id, history] of sameLayers) {
    const diffIds = diffIdsVia(id);
    if (diffIds) facts.set(id, { diffIds, history });
    else unresolved.push(id);
  }
  (await fetchBoth(client, unresolved)).forEach((fetched, index) => facts.set(unresolved[index], fetched?.facts ?? null));
  for (const id of unseen) {
    const found = facts.get(id);
    if (found) cache.set(id, found);
  }
  return summaries.map((summary) => facts.get(summary.Id) ?? null);
}
