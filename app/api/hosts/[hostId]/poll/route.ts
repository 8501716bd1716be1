import { routeId } from "@/lib/api/params";
import { snapshotBody } from "@/lib/api/publicBodies";
import { badRequest, hostFailed, json, notFound, tooManyRequests } from "@/lib/api/response";
import { apiRoute } from "@/lib/api/route";
import { clientAddress } from "@/lib/auth/clientAddress";
import { limits } from "@/lib/auth/limits";
import { pollHost } from "@/lib/poller/pollHost";
import { getHost } from "@/lib/store/hosts";
import { getSnapshot } from "@/lib/store/snapshotReader";

export const dynamic = "force-dynamic";

// "Poll now": a poll of the host already running is joined (lib/poller/pollHost.ts); otherwise each
// signed-in user (or client address, without accounts) may ask BALLAST_POLLS_PER_MINUTE times a minute.
export const POST = apiRoute<{ hostId: string }>("poll", async (request, { params, principal }) => {
  const id = routeId(params, "hostId");
  if (!id) return badRequest("Not a valid host id", "invalid_id");
  const key = principal ? `user:${principal.userId}` : `address:${clientAddress(request)}`;
  const now = Date.now();
  const wait = limits().polls.retryAfterSec(key, now);
  if (wait > 0) return tooManyRequests(`More than ${limits().polls.limit} polls a minute`, wait);
  limits().polls.record(key, now);
  const host = await getHost(id);
  if (!host) return notFound("Host");
  const result = await pollHost(host);
  if (!result.ok) return hostFailed(result.failure, result.snapshotId);
  const snapshot = await getSnapshot(result.snapshotId);
  return snapshot ? json({ snapshot: snapshotBody(snapshot) }) : notFound("Snapshot");
});
