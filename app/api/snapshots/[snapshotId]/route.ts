import { routeId } from "@/lib/api/params";
import { snapshotBody } from "@/lib/api/publicBodies";
import { badRequest, json, notFound } from "@/lib/api/response";
import { withApiErrors } from "@/lib/api/withApiErrors";
import { getSnapshot } from "@/lib/store/snapshotReader";

export const dynamic = "force-dynamic";

export const GET = withApiErrors(async (_request: Request, { params }: { params: Promise<{ snapshotId: string }> }) => {
  const id = await routeId(params, "snapshotId");
  if (!id) return badRequest("Not a valid snapshot id", "invalid_id");
  const snapshot = await getSnapshot(id);
  return snapshot ? json({ snapshot: snapshotBody(snapshot) }) : notFound("Snapshot");
});
