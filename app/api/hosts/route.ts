import { parseEndpoint, EndpointError, formatEndpoint, normalizeFingerprint } from "@/lib/collect/endpoint";
import { parseRequest } from "@/lib/api/request";
import { badRequest, conflict, json } from "@/lib/api/response";
import { apiRoute } from "@/lib/api/route";
import { newHostSchema } from "@/lib/api/schema";
import { auditActor } from "@/lib/auth/auditActor";
import { hostListBody } from "@/lib/api/fleetListBodies";
import { publicHost } from "@/lib/api/publicBodies";
import { cachedBodyResponse } from "@/lib/api/viewResponseCache";
import { runReadTask } from "@/lib/worker/readWorker";
import { workersEnabled } from "@/lib/worker/storeWorker";
import { endpointRefusal, tlsFilesProblem } from "@/lib/collect/endpointSafety";
import { appendAudit } from "@/lib/store/audit";
import { createHost, getHostByName } from "@/lib/store/hosts";
import { pollIntervalSec } from "@/lib/poller/localHost";
import { wakePoller } from "@/lib/poller/scheduler";

export const dynamic = "force-dynamic";

// Built in the read worker (lib/api/fleetListBodies.ts): it reads every host.
export const GET = apiRoute("view", async (request) =>
  cachedBodyResponse(workersEnabled() ? await runReadTask("hostList", null) : await hostListBody(), request.headers),
);

export const POST = apiRoute("manageHosts", async (request, { principal }) => {
  const { body, error } = await parseRequest(request, { body: newHostSchema });
  if (error) return error;
  let endpoint;
  try {
    endpoint = parseEndpoint(body.endpoint, body.tls ?? null);
  } catch (e) {
    if (e instanceof EndpointError) return badRequest(e.message, "invalid_endpoint");
    throw e;
  }
  if (body.tls && endpoint.kind !== "tcp") return badRequest("TLS files go with tcp:// endpoints only", "invalid_endpoint");
  if (endpoint.kind === "agent" && !body.agent)
    return badRequest("An https:// (agent) host needs agent.token and agent.fingerprint, as the agent printed them", "invalid_agent");
  if (endpoint.kind !== "agent" && body.agent) return badRequest("agent credentials go with https:// (agent) endpoints only", "invalid_endpoint");
  const fingerprint = body.agent ? normalizeFingerprint(body.agent.fingerprint) : null;
  if (body.agent && !fingerprint)
    return badRequest("agent.fingerprint must be the SHA-256 fingerprint the agent printed (32 hex bytes)", "invalid_fingerprint");
  const tlsProblem = body.tls ? tlsFilesProblem(body.tls) : null;
  if (tlsProblem) return badRequest(tlsProblem, "invalid_tls");
  // The same check runs again before every connection (lib/collect/engine.ts): a refused endpoint is never dialled.
  const refusal = endpointRefusal(endpoint);
  if (refusal) return badRequest(refusal, "refused_endpoint");
  if (await getHostByName(body.name)) return conflict(`A host named "${body.name}" exists already`, "name_taken");
  const host = await createHost({
    name: body.name,
    endpoint: formatEndpoint(endpoint),
    tls: body.tls ?? null,
    agent: body.agent && fingerprint ? { token: body.agent.token, fingerprint } : null,
    pollIntervalSec: body.pollIntervalSec ?? pollIntervalSec(),
    pricePerGbMonth: body.pricePerGbMonth ?? null,
  });
  await appendAudit({
    actor: auditActor(principal),
    action: "host_added",
    runId: null,
    details: { hostId: host.id, hostName: host.name, endpoint: host.endpoint },
  });
  wakePoller();
  return json({ host: publicHost(host) }, 201);
});
