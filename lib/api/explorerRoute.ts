import "server-only";
import type { NextResponse } from "next/server";
import type { HostSnapshot } from "@/lib/collect/schema";
import { resolvePrice } from "@/lib/analysis/cost";
import { getHost } from "@/lib/store/hosts";
import { loadSnapshotForAnalysis } from "@/lib/store/snapshotAnalysis";
import type { SnapshotDto } from "@/lib/store/snapshotReader";
import { routeId } from "./params";
import { badRequest, conflict, json, notFound } from "./response";
import { withApiErrors } from "./withApiErrors";

// Like snapshotView, for the host explorer's routes: they price what they show at the host's price
// and some load more (snapshot history, a second path segment), so the view may be async.

export type ExplorerContext = { dto: SnapshotDto; pricePerGbMonth: number; params: Record<string, string> };

type Params = { params: Promise<Record<string, string>> };

export function snapshotExplorerView(view: (snapshot: HostSnapshot, context: ExplorerContext) => unknown | NextResponse | Promise<unknown>) {
  return withApiErrors(async (_request: Request, { params }: Params): Promise<NextResponse> => {
    const id = await routeId(params, "snapshotId");
    if (!id) return badRequest("Not a valid snapshot id", "invalid_id");
    const loaded = await loadSnapshotForAnalysis(id);
    if (loaded.kind === "not_found") return notFound("Snapshot");
    if (loaded.kind === "failed") return conflict(`Snapshot ${id} is a failed poll and holds no data: ${loaded.dto.error?.message ?? ""}`, "snapshot_failed");
    const host = await getHost(loaded.dto.hostId);
    const context = { dto: loaded.dto, pricePerGbMonth: resolvePrice(host?.pricePerGbMonth), params: await params };
    const result = await view(loaded.snapshot, context);
    return result instanceof Response ? (result as NextResponse) : json(result);
  });
}
