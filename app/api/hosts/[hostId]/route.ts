import type { NextRequest } from "next/server";
import { routeId } from "@/lib/api/params";
import { hostSummaryBody } from "@/lib/api/publicBodies";
import { parseRequest } from "@/lib/api/request";
import { badRequest, json, notFound } from "@/lib/api/response";
import { hostChangeSchema } from "@/lib/api/schema";
import { withApiErrors } from "@/lib/api/withApiErrors";
import { hostManagementDenied } from "@/lib/api/hostManagement";
import { normalizeFingerprint } from "@/lib/collect/endpoint";
import { updateAgentCredentials } from "@/lib/store/agentCredentials";
import { getHost } from "@/lib/store/hosts";
import { getHostSummary } from "@/lib/store/hostSummary";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ hostId: string }> };

// One host, in the same shape as an entry of GET /api/hosts.
export const GET = withApiErrors(async (_request: Request, { params }: Context) => {
  const id = await routeId(params, "hostId");
  if (!id) return badRequest("Not a valid host id", "invalid_id");
  const host = await getHostSummary(id);
  return host ? json({ host: hostSummaryBody(host) }) : notFound("Host");
});

// Changes an agent host's token (write-only: it is never answered back) or pinned fingerprint.
export const PATCH = withApiErrors(async (request: NextRequest, { params }: Context) => {
  const id = await routeId(params, "hostId");
  if (!id) return badRequest("Not a valid host id", "invalid_id");
  const { body, error } = await parseRequest(request, { body: hostChangeSchema });
  if (error) return error;
  const denied = await hostManagementDenied(request);
  if (denied) return denied;
  const host = await getHost(id);
  if (!host) return notFound("Host");
  if (host.kind !== "agent") return badRequest("Only agent (https://) hosts have a token and fingerprint", "not_agent_host");
  const fingerprint = body.agent.fingerprint === undefined ? undefined : normalizeFingerprint(body.agent.fingerprint);
  if (fingerprint === null) return badRequest("agent.fingerprint must be the SHA-256 fingerprint the agent printed (32 hex bytes)", "invalid_fingerprint");
  await updateAgentCredentials(id, { token: body.agent.token, fingerprint });
  const summary = await getHostSummary(id);
  return summary ? json({ host: hostSummaryBody(summary) }) : notFound("Host");
});
