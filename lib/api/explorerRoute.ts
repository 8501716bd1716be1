import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import type { HostSnapshot } from "@/lib/collect/schema";
import { resolvePrice } from "@/lib/analysis/cost";
import { getHost } from "@/lib/store/hosts";
import { loadSnapshotView } from "@/lib/store/snapshotAnalysis";
import { getSnapshot, type SnapshotDto } from "@/lib/store/snapshotReader";
import { parseRequest } from "./request";
import { idParam } from "./schema";
import { badRequest, conflict, json, notFound } from "./response";
import { apiRoute } from "./route";
import { cachedBodyResponse, viewResponses } from "./viewResponseCache";

// Like snapshotView, for the host explorer's routes: they price what they show at the host's price
// and some load more (snapshot history, a second path segment, a query), so the view may be async.

export type ExplorerContext<Q = Record<string, never>> = {
  dto: SnapshotDto;
  hostName: string | null;
  pricePerGbMonth: number;
  params: Record<string, string>;
  request: NextRequest;
  /** The parsed query, when the route gave a `query` schema. */
  query: Q;
};

export type ExplorerOptions<S extends z.ZodType> = {
  /**
   * The route's name in the response cache (viewResponseCache.ts), when the view is a pure function of
   * the snapshot, the parsed query, the host's price and name (no other reads, no image `lastUsedAt`,
   * which the next poll moves): its finished answer is built once and shared by every client.
   */
  cacheAs?: string;
  /** Query schema, parsed before the snapshot is read (a 400 costs no load). */
  query?: S;
};

export function snapshotExplorerView<S extends z.ZodType = z.ZodObject>(
  view: (snapshot: HostSnapshot, context: ExplorerContext<z.infer<S>>) => unknown | NextResponse | Promise<unknown>,
  { cacheAs, query: querySchema }: ExplorerOptions<S> = {},
) {
  return apiRoute<{ snapshotId: string }>("view", async (request, { params }) => {
    const parsed = idParam.safeParse(params.snapshotId);
    if (!parsed.success) return badRequest("Not a valid snapshot id", "invalid_id");
    const id = parsed.data;
    const { query, error } = querySchema ? await parseRequest(request, { query: querySchema }) : { query: {} };
    if (error) return error;
    // The snapshot's row is read every time (a few fields): a snapshot retention removed is a 404 even
    // while its answer is still cached.
    const dto = await getSnapshot(id);
    if (!dto) return notFound("Snapshot");
    // The stored message of a failed poll is Ballast's own plain words (lib/collect/pollFailure.ts), never a remote body.
    if (dto.status !== "ok") return conflict(`Snapshot ${id} is a failed poll and holds no data: ${dto.error?.message ?? ""}`, "snapshot_failed");
    const host = await getHost(dto.hostId);
    const context = { dto, hostName: host?.name ?? null, pricePerGbMonth: resolvePrice(host?.pricePerGbMonth), params, request, query: query as z.infer<S> };
    const answer = async () => {
      const snapshot = await loadSnapshotView(dto);
      return snapshot ? view(snapshot, context) : notFound("Snapshot");
    };
    if (cacheAs) {
      // The host's name is in the key: a renamed host's treemap root is named anew; a new poll is a new snapshot id.
      const key = JSON.stringify([id, cacheAs, query, context.pricePerGbMonth, context.hostName]);
      const body = await viewResponses().get(key, answer);
      return body instanceof Response ? body : cachedBodyResponse(body, request.headers);
    }
    const result = await answer();
    return result instanceof Response ? result : json(result);
  });
}
