import type { NextRequest } from "next/server";
import { parseRequest } from "@/lib/api/request";
import { badRequest, hostFailed, json, notFound } from "@/lib/api/response";
import { routeId } from "@/lib/api/params";
import { snapshotBody } from "@/lib/api/publicBodies";
import { withApiErrors } from "@/lib/api/withApiErrors";
import { pollHost } from "@/lib/poller/pollHost";
import { getHost } from "@/lib/store/hosts";
import { getSnapshot } from "@/lib/store/snapshotReader";

export const dynamic = "force-dynamic";

export const POST = withApiErrors(async (request: NextRequest, { params }: { params: Promise<{ hostId: string }> }) => {
  const { error } = await parseRequest(request, {});
  if (error) return error;
  const id = await routeId(params, "hostId");
  if (!id) return badRequest("Not a valid host id", "invalid_id");
  const host = await getHost(id);
  if (!host) return notFound("Host");
  const result = await pollHost(host);
  if (!result.ok) return hostFailed(result.failure, result.snapshotId);
  const snapshot = await getSnapshot(result.snapshotId);
  return snapshot ? json({ snapshot: snapshotBody(snapshot) }) : notFound("Snapshot");
});
