import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import type { HostSnapshot } from "@/lib/collect/schema";
import { resolvePrice } from "@/lib/analysis/cost";
import { getHost } from "@/lib/store/hosts";
import { loadSnapshotForAnalysis } from "@/lib/store/snapshotAnalysis";
import type { SnapshotDto } from "@/lib/store/snapshotReader";
import { idParam } from "./schema";
import { badRequest, conflict, json, notFound } from "./response";
import { apiRoute } from "./route";
import { viewBody } from "./snapshotViewBodies";

// Like snapshotView, for the host explorer's routes: they price what they show at the host's price
// and some load more (snapshot history, a second path segment, a query), so the view may be async.

export type ExplorerContext = { dto: SnapshotDto; hostName: string | null; pricePerGbMonth: number; params: Record<string, string>; request: NextRequest };

/**
 * `shared`: the view is a pure function of the snapshot, the URL, the host's price and name (no other reads):
 * its JSON body is computed once per cached snapshot view and shared (snapshotViewBodies.ts).
 */
export function snapshotExplorerView(
  view: (snapshot: HostSnapshot, context: ExplorerContext) => unknown | NextResponse | Promise<unknown>,
  { shared = false }: { shared?: boolean } = {},
) {
  return apiRoute<{ snapshotId: string }>("view", async (request, { params }) => {
    const parsed = idParam.safeParse(params.snapshotId);
    if (!parsed.success) return badRequest("Not a valid snapshot id", "invalid_id");
    const id = parsed.data;
    const loaded = await loadSnapshotForAnalysis(id);
    if (loaded.kind === "not_found") return notFound("Snapshot");
    // The stored message of a failed poll is Ballast's own plain words (lib/collect/pollFailure.ts), never a remote body.
    if (loaded.kind === "failed") return conflict(`Snapshot ${id} is a failed poll and holds no data: ${loaded.dto.error?.message ?? ""}`, "snapshot_failed");
    const host = await getHost(loaded.dto.hostId);
    const context = { dto: loaded.dto, hostName: host?.name ?? null, pricePerGbMonth: resolvePrice(host?.pricePerGbMonth), params, request };
    if (shared) {
      // The host's name is in the key: a renamed host's treemap root is named anew.
      const key = `${request.nextUrl.pathname}${request.nextUrl.search}|${context.pricePerGbMonth}|${context.hostName}`;
      const body = await viewBody(loaded.snapshot, key, () => view(loaded.snapshot, context));
      return typeof body === "string" ? new NextResponse(body, { headers: { "content-type": "application/json" } }) : body;
    }
    const result = await view(loaded.snapshot, context);
    return result instanceof Response ? result : json(result);
  });
}
