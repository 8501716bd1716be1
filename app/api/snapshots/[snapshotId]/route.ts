import { routeId } from "@/lib/api/params";
import { snapshotBody } from "@/lib/api/publicBodies";
import { badRequest, json, notFound } from "@/lib/api/response";
import { apiRoute } from "@/lib/api/route";
import { getSnapshot } from "@/lib/store/snapshotReader";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ snapshotId: string }>("view", async (_request, { params }) => {
  const id = routeId(params, "snapshotId");
  if (!id) return badRequest("Not a valid snapshot id", "invalid_id");
  const snapshot = await getSnapshot(id);
  return snapshot ? json({ snapshot: snapshotBody(snapshot) }) : notFound("Snapshot");
});
