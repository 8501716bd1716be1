import "server-only";
import { resolvePrice } from "@/lib/analysis/cost";
import { getHost } from "@/lib/store/hosts";
import { getSnapshot, type SnapshotDto } from "@/lib/store/snapshotReader";
import { getSnapshotViewKey } from "@/lib/store/snapshotViewKey";
import { runReadTask } from "@/lib/worker/readWorker";
import { workersEnabled } from "@/lib/worker/storeWorker";
import { buildCacheableView, type CacheableViewInput, type CacheableViewResult } from "./cacheableViewBody";
import { buildVolumesView, type VolumesViewInput } from "./volumesViewBody";
import { cacheableViews, type CacheableViewName } from "./cacheableViews";
import { parseRequest } from "./request";
import { idParam } from "./schema";
import { badRequest, conflict, notFound } from "./response";
import { apiRoute } from "./route";
import { cachedBodyResponse, viewResponses, type CachedBody } from "./viewResponseCache";

// The host explorer's routes over one good snapshot: each is built off the request loop, in the read
// worker, and priced at the host's price.

type Ready = { error: Response; context?: undefined } | { error?: undefined; context: { dto: SnapshotDto; pricePerGbMonth: number } };

/** The volumes route's first step: the id checked, the snapshot's row read (a 404 / 409 here), its host's price. */
async function explorerRequest(params: Record<string, string>): Promise<Ready> {
  const parsed = idParam.safeParse(params.snapshotId);
  if (!parsed.success) return { error: badRequest("Not a valid snapshot id", "invalid_id") };
  const id = parsed.data;
  const dto = await getSnapshot(id);
  if (!dto) return { error: notFound("Snapshot") };
  // The stored message of a failed poll is Ballast's own plain words (lib/collect/pollFailure.ts), never a remote body.
  if (dto.status !== "ok") return { error: conflict(`Snapshot ${id} is a failed poll and holds no data: ${dto.error?.message ?? ""}`, "snapshot_failed") };
  const host = await getHost(dto.hostId);
  return { context: { dto, pricePerGbMonth: resolvePrice(host?.pricePerGbMonth) } };
}

/**
 * The volumes route: it reads the host's earlier snapshots as well, so its answer is built per request
 * (not kept), off this loop in the read worker (lib/api/volumesViewBody.ts); its gzip is sent as it is, 304 on its ETag.
 */
export function volumesSnapshotView() {
  return apiRoute<{ snapshotId: string }>("view", async (request, { params }) => {
    const { error, context } = await explorerRequest(params);
    if (error) return error;
    const { dto, pricePerGbMonth } = context;
    const input: VolumesViewInput = { snapshotId: dto.id, hostId: dto.hostId, takenAt: dto.takenAt, pricePerGbMonth };
    const result = workersEnabled() ? await runReadTask("volumes", input) : await buildVolumesView(input);
    return result.kind === "body" ? cachedBodyResponse(result, request.headers) : notFound(result.what);
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
