import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import type { HostSnapshot } from "@/lib/collect/schema";
import { resolvePrice } from "@/lib/analysis/cost";
import { getHost } from "@/lib/store/hosts";
import { loadSnapshotView } from "@/lib/store/snapshotAnalysis";
import { getSnapshot, type SnapshotDto } from "@/lib/store/snapshotReader";
import { getSnapshotViewKey } from "@/lib/store/snapshotViewKey";
import { runReadTask } from "@/lib/worker/readWorker";
import { workersEnabled } from "@/lib/worker/storeWorker";
import { buildCacheableView, type CacheableViewInput, type CacheableViewResult } from "./cacheableViewBody";
import { cacheableViews, type CacheableViewName } from "./cacheableViews";
import { parseRequest } from "./request";
import { idParam } from "./schema";
import { badRequest, conflict, json, notFound } from "./response";
import { apiRoute } from "./route";
import { cachedBodyResponse, viewResponses, type CachedBody } from "./viewResponseCache";

// The host explorer's routes over one good snapshot: they price what they show at the host's price and
// some load more (snapshot history, a second path segment, a query), so the view may be async.

export type ExplorerContext<Q = Record<string, never>> = {
  dto: SnapshotDto;
  hostName: string | null;
  pricePerGbMonth: number;
  params: Record<string, string>;
  request: NextRequest;
  /** The parsed query, when the route gave a `query` schema. */
  query: Q;
};

type Ready<Q> = { error: Response; context?: undefined } | { error?: undefined; context: ExplorerContext<Q> };

/** What every explorer route does first: the id and query checked, the snapshot's row read, its host's price and name. */
async function explorerRequest<Q>(request: NextRequest, params: Record<string, string>, querySchema: z.ZodType | null): Promise<Ready<Q>> {
  const parsed = idParam.safeParse(params.snapshotId);
  if (!parsed.success) return { error: badRequest("Not a valid snapshot id", "invalid_id") };
  const id = parsed.data;
  const { query, error } = querySchema ? await parseRequest(request, { query: querySchema }) : { query: {} };
  if (error) return { error };
  // The snapshot's row is read every time (a few fields): a snapshot retention removed is a 404 even
  // while its answer is still cached.
  const dto = await getSnapshot(id);
  if (!dto) return { error: notFound("Snapshot") };
  // The stored message of a failed poll is Ballast's own plain words (lib/collect/pollFailure.ts), never a remote body.
  if (dto.status !== "ok") return { error: conflict(`Snapshot ${id} is a failed poll and holds no data: ${dto.error?.message ?? ""}`, "snapshot_failed") };
  const host = await getHost(dto.hostId);
  return { context: { dto, hostName: host?.name ?? null, pricePerGbMonth: resolvePrice(host?.pricePerGbMonth), params, request, query: query as Q } };
}

/** A view that reads more than the snapshot or moves with the next poll: built per request, on this thread. */
export function snapshotExplorerView<S extends z.ZodType = z.ZodObject>(
  view: (snapshot: HostSnapshot, context: ExplorerContext<z.infer<S>>) => unknown | NextResponse | Promise<unknown>,
  { query: querySchema }: { query?: S } = {},
) {
  return apiRoute<{ snapshotId: string }>("view", async (request, { params }) => {
    const { error, context } = await explorerRequest<z.infer<S>>(request, params, querySchema ?? null);
    if (error) return error;
    const snapshot = await loadSnapshotView(context.dto);
    const result = snapshot ? await view(snapshot, context) : notFound("Snapshot");
    return result instanceof Response ? result : json(result);
  });
}

const asBody = (result: CacheableViewResult): CachedBody | Response =>
  result.kind === "body" ? { gzip: result.gzip, etag: result.etag } : notFound(result.what);

/**
 * The route of a cacheable view (lib/api/cacheableViews.ts): its finished answer is built once per
 * snapshot, view, parsed query, price and host name, in the read worker (off this loop), and shared by
 * every client from the response cache (viewResponseCache.ts); 304 on its ETag.
 */
export function cachedSnapshotView(name: CacheableViewName, { queryFromPath }: { queryFromPath?: (params: Record<string, string>) => object | Response } = {}) {
  return apiRoute<{ snapshotId: string }>("view", async (request, { params }) => {
    const parsed = idParam.safeParse(params.snapshotId);
    if (!parsed.success) return badRequest("Not a valid snapshot id", "invalid_id");
    const fromPath = queryFromPath?.(params);
    if (fromPath instanceof Response) return fromPath;
    const schema = cacheableViews[name].query;
    const parsedQuery = fromPath || !schema ? { query: fromPath ?? {}, error: undefined } : await parseRequest(request, { query: schema });
    if (parsedQuery.error) return parsedQuery.error;
    const query: unknown = parsedQuery.query;
    // One row and its host's, every time: a snapshot retention removed is a 404 even while its answer is cached.
    const row = await getSnapshotViewKey(parsed.data);
    if (!row) return notFound("Snapshot");
    if (row.status !== "ok") return conflict(`Snapshot ${row.id} is a failed poll and holds no data: ${row.errorMessage ?? ""}`, "snapshot_failed");
    const pricePerGbMonth = resolvePrice(row.pricePerGbMonth);
    const input: CacheableViewInput = { snapshotId: row.id, hostId: row.hostId, view: name, query, pricePerGbMonth, hostName: row.hostName };
    // The host's name is in the key: a renamed host's treemap root is named anew; a new poll is a new snapshot id.
    const key = JSON.stringify([row.id, name, query, pricePerGbMonth, row.hostName]);
    // No request's signal: the build is shared by whoever asks meanwhile.
    const body = await viewResponses().getBody(key, async () => asBody(workersEnabled() ? await runReadTask("view", input) : await buildCacheableView(input)));
    return body instanceof Response ? body : cachedBodyResponse(body, request.headers);
  });
}
