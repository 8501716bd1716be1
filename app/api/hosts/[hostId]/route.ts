import { routeId } from "@/lib/api/params";
import { editHost } from "@/lib/api/hostEdit";
import { hostSummaryBody } from "@/lib/api/publicBodies";
import { parseRequest } from "@/lib/api/request";
import { badRequest, conflict, json, notFound } from "@/lib/api/response";
import { apiRoute } from "@/lib/api/route";
import { hostChangeSchema } from "@/lib/api/schema";
import { auditActor } from "@/lib/auth/auditActor";
import { normalizeFingerprint } from "@/lib/collect/endpoint";
import { wakePoller } from "@/lib/poller/scheduler";
import { appendAudit } from "@/lib/store/audit";
import { deleteHost, runningCleanupOn } from "@/lib/store/hostChanges";
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

// Edits a host (name, endpoint, TLS files, interval, price, enabled) and/or an agent host's token
// (write-only: it is never answered back) or pinned fingerprint. See lib/api/hostEdit.ts.
export const PATCH = apiRoute<{ hostId: string }>("manageHosts", async (request, { params, principal }) => {
  const id = routeId(params, "hostId");
  if (!id) return badRequest("Not a valid host id", "invalid_id");
  const { body, error } = await parseRequest(request, { body: hostChangeSchema });
  if (error) return error;
  const host = await getHost(id);
  if (!host) return notFound("Host");
  if (body.agent?.fingerprint !== undefined) {
    const fingerprint = normalizeFingerprint(body.agent.fingerprint);
    if (fingerprint === null) return badRequest("agent.fingerprint must be the SHA-256 fingerprint the agent printed (32 hex bytes)", "invalid_fingerprint");
    body.agent.fingerprint = fingerprint;
  }
  const result = await editHost(host, body, new Date());
  if ("error" in result) return result.error;
  const { agent, ...changed } = body;
  await appendAudit({
    actor: auditActor(principal),
    action: "host_changed",
    runId: null,
    details: {
      hostId: id,
      hostName: host.name,
      ...changed,
      ...(agent ? { tokenChanged: agent.token !== undefined, fingerprint: agent.fingerprint ?? null } : {}),
      newSeries: result.newSeries?.engineId ?? null,
    },
  });
  wakePoller();
  const summary = await getHostSummary(id);
  return summary ? json({ host: hostSummaryBody(summary), newSeries: result.newSeries }) : notFound("Host");
});

// Deletes a host with its snapshots; its runs and audit entries stay (with the host's id and name).
export const DELETE = apiRoute<{ hostId: string }>("manageHosts", async (request, { params, principal }) => {
  const id = routeId(params, "hostId");
  if (!id) return badRequest("Not a valid host id", "invalid_id");
  const { error } = await parseRequest(request, {});
  if (error) return error;
  const host = await getHost(id);
  if (!host) return notFound("Host");
  const running = await runningCleanupOn(id);
  if (running) return conflict(`A cleanup (run ${running}) is running on this host; delete it when the run has finished`, "cleanup_running");
  const snapshots = await deleteHost(id);
  if (snapshots === null) return notFound("Host");
  await appendAudit({ actor: auditActor(principal), action: "host_deleted", runId: null, details: { hostId: id, hostName: host.name, snapshots } });
  return json({ deleted: { hostId: id, snapshots } });
});
