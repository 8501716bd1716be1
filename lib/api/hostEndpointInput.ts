import "server-only";
import type { NextResponse } from "next/server";
import { EndpointError, normalizeFingerprint, parseEndpoint, type AgentCredentials, type Endpoint, type TlsFiles } from "@/lib/collect/endpoint";
import { endpointRefusal, tlsFilesProblem } from "@/lib/collect/endpointSafety";
import { badRequest } from "./response";

export type EndpointInput = { endpoint: string; tls?: TlsFiles | null; agent?: { token: string; fingerprint: string } | null };

/**
 * One reading of an endpoint as a person typed it (add, edit and Test connection): the endpoint parsed,
 * TLS files only with tcp://, agent token + fingerprint only (and always) with https://, the TLS files
 * readable, the endpoint not refused by the safety rules (lib/collect/endpointSafety.ts). Returns the endpoint with its credentials, or the 400 to answer.
 */
export function endpointFromInput(input: EndpointInput): { endpoint: Endpoint; agent: AgentCredentials | null } | { error: NextResponse } {
  let endpoint: Endpoint;
  try {
    endpoint = parseEndpoint(input.endpoint, input.tls ?? null);
  } catch (e) {
    if (e instanceof EndpointError) return { error: badRequest(e.message, "invalid_endpoint") };
    throw e;
  }
  if (input.tls && endpoint.kind !== "tcp") return { error: badRequest("TLS files go with tcp:// endpoints only", "invalid_endpoint") };
  if (endpoint.kind === "agent" && !input.agent)
    return { error: badRequest("An https:// (agent) host needs agent.token and agent.fingerprint, as the agent printed them", "invalid_agent") };
  if (endpoint.kind !== "agent" && input.agent) return { error: badRequest("agent credentials go with https:// (agent) endpoints only", "invalid_endpoint") };
  const fingerprint = input.agent ? normalizeFingerprint(input.agent.fingerprint) : null;
  if (input.agent && !fingerprint)
    return { error: badRequest("agent.fingerprint must be the SHA-256 fingerprint the agent printed (32 hex bytes)", "invalid_fingerprint") };
  const tlsProblem = input.tls ? tlsFilesProblem(input.tls) : null;
  if (tlsProblem) return { error: badRequest(tlsProblem, "invalid_tls") };
  // The same check runs again before every connection (lib/collect/engine.ts): a refused endpoint is never dialled.
  const refusal = endpointRefusal(endpoint);
  if (refusal) return { error: badRequest(refusal, "refused_endpoint") };
  const agent = input.agent && fingerprint ? { token: input.agent.token, fingerprint } : null;
  return { endpoint: agent ? parseEndpoint(input.endpoint, null, agent) : endpoint, agent };
}
