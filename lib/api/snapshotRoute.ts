import type { NextResponse } from "next/server";
import type { HostSnapshot } from "@/lib/collect/schema";
import { loadSnapshotForAnalysis } from "@/lib/store/snapshotAnalysis";
import type { SnapshotDto } from "@/lib/store/snapshotReader";
import { routeId } from "./params";
import { badRequest, conflict, json, notFound } from "./response";
import { withApiErrors } from "./withApiErrors";

type Params = { params: Promise<{ snapshotId: string }> };

/** A GET route over one good snapshot: validates the id, loads it, answers `view(snapshot)` as JSON. */
export function snapshotView(view: (snapshot: HostSnapshot, dto: SnapshotDto) => unknown) {
  return withApiErrors(async (_request: Request, { params }: Params): Promise<NextResponse> => {
    const id = await routeId(params, "snapshotId");
    if (!id) return badRequest("Not a valid snapshot id", "invalid_id");
    const loaded = await loadSnapshotForAnalysis(id);
    if (loaded.kind === "not_found") return notFound("Snapshot");
    if (loaded.kind === "failed") return conflict(`Snapshot ${id} is a failed poll and holds no data: ${loaded.dto.error?.message ?? ""}`, "snapshot_failed");
    return json(view(loaded.snapshot, loaded.dto));
  });
}
