import { routeId } from "@/lib/api/params";
import { hostSummaryBody } from "@/lib/api/publicBodies";
import { parseRequest } from "@/lib/api/request";
import { badRequest, json, notFound } from "@/lib/api/response";
import { apiRoute } from "@/lib/api/route";
import { hostChangeSchema } from "@/lib/api/schema";
import { auditActor } from "@/lib/auth/auditActor";
import { normalizeFingerprint } from "@/lib/collect/endpoint";
import { appendAudit } from "@/lib/store/audit";
import { updateAgentCredentials } from "@/lib/store/agentCredentials";
import { getHost } from "@/lib/store/hosts";
import { getHostSummary } from "@/lib/store/hostSummary";

export const dynamic = "force-dynamic";

// One host, in the same shape as an entry of GET /api/hosts.
export const GET = apiRoute<{ hostId: string }>("view", async (_request, { params }) => {
  const id = routeId(params, "hostId");
  if (!id) return badRequest("Not a valid host id", "invalid_id");
  const host = await getHostSummary(id);
  return host ? json({ host: hostSummaryBody(host) }) : notFound("Host");
});

// Changes an agent host's token (write-only: it is never answered back) or pinned fingerprint.
export const PATCH = apiRoute<{ hostId: string }>("manageHosts", async (request, { params, principal }) => {
  const id = routeId(params, "hostId");
  if (!id) return badRequest("Not a valid host id", "invalid_id");
  const { body, error } = await parseRequest(request, { body: hostChangeSchema });
  if (error) return error;
  const host = await getHost(id);
  if (!host) return notFound("Host");
  if (host.kind !== "agent") return badRequest("Only agent (https://) hosts have a token and fingerprint", "not_agent_host");
  const fingerprint = body.agent.fingerprint === undefined ? undefined : normalizeFingerprint(body.agent.fingerprint);
  if (fingerprint === null) return badRequest("agent.fingerprint must be the SHA-256 fingerprint the agent printed (32 hex bytes)", "invalid_fingerprint");
  await updateAgentCredentials(id, { token: body.agent.token, fingerprint });
  await appendAudit({
    actor: auditActor(principal),
    action: "host_changed",
    runId: null,
    details: { hostId: id, hostName: host.name, tokenChanged: body.agent.token !== undefined, fingerprint: fingerprint ?? null },
  });
  const summary = await getHostSummary(id);
  return summary ? json({ host: hostSummaryBody(summary) }) : notFound("Host");
});
