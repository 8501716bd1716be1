import "server-only";
import type { NextResponse } from "next/server";
import { formatEndpoint } from "@/lib/collect/endpoint";
import { testConnection } from "@/lib/collect/testConnection";
import { getAgentCredentials, updateAgentCredentials } from "@/lib/store/agentCredentials";
import { startNewSeries, updateHost, type HostChange } from "@/lib/store/hostChanges";
import { getHostByName, type HostDto } from "@/lib/store/hosts";
import { endpointFromInput } from "./hostEndpointInput";
import { badRequest, conflict } from "./response";
import type { hostChangeSchema } from "./schema";
import type { z } from "zod";

export type HostEditResult = { host: HostDto; newSeries: { engineId: string; message: string } | null } | { error: NextResponse };

/**
 * Applies a PATCH /api/hosts/{id}. An endpoint change is checked like a new host's (TLS only with
 * tcp://, agent credentials with https://); when the new endpoint answers with another engine ID than
 * the host's series, a new series starts now, so two engines' history never mix — and the answer says so.
 */
export async function editHost(host: HostDto, body: z.infer<typeof hostChangeSchema>, now: Date): Promise<HostEditResult> {
  if (body.name !== undefined && body.name !== host.name && (await getHostByName(body.name)))
    return { error: conflict(`A host named "${body.name}" exists already`, "name_taken") };
  const change: HostChange = { name: body.name, pollIntervalSec: body.pollIntervalSec, pricePerGbMonth: body.pricePerGbMonth, enabled: body.enabled };
  let reached: Awaited<ReturnType<typeof testConnection>> | null = null;
  if (body.endpoint !== undefined || body.tls !== undefined) {
    const text = body.endpoint ?? host.endpoint;
    const stored = text.startsWith("https://") ? await getAgentCredentials(host.id) : null;
    const agent = body.agent?.token && body.agent.fingerprint ? { token: body.agent.token, fingerprint: body.agent.fingerprint } : stored;
    const input = endpointFromInput({ endpoint: text, tls: body.tls === undefined ? host.tls : body.tls, agent });
    if ("error" in input) return input;
    change.endpoint = formatEndpoint(input.endpoint);
    change.tls = body.tls === undefined ? (input.endpoint.kind === "tcp" ? host.tls : null) : body.tls;
    if (change.endpoint !== host.endpoint) reached = await testConnection(input.endpoint, change.endpoint);
  } else if (body.agent && host.kind !== "agent") {
    return { error: badRequest("Only agent (https://) hosts have a token and fingerprint", "not_agent_host") };
  }
  const updated = await updateHost(host.id, change, now);
  if (!updated) return { error: badRequest("The host was deleted meanwhile", "not_found") };
  if (body.agent) await updateAgentCredentials(host.id, { token: body.agent.token, fingerprint: body.agent.fingerprint });
  let newSeries: { engineId: string; message: string } | null = null;
  if (reached?.ok && host.engineId && reached.engine.id !== host.engineId) {
    await startNewSeries(host.id, reached.engine.id, now);
    newSeries = {
      engineId: reached.engine.id,
      message: `${change.endpoint} is another Docker engine (ID ${reached.engine.id}, was ${host.engineId}): its history starts now, apart from the old engine's`,
    };
  }
  return { host: updated, newSeries };
}
