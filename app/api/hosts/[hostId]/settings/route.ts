import { routeId } from "@/lib/api/params";
import { publicHost } from "@/lib/api/publicBodies";
import { parseRequest } from "@/lib/api/request";
import { badRequest, json, notFound } from "@/lib/api/response";
import { hostSettingsBody } from "@/lib/api/reportSchema";
import { apiRoute } from "@/lib/api/route";
import { auditActor } from "@/lib/auth/auditActor";
import { appendAudit } from "@/lib/store/audit";
import { setHostPrice } from "@/lib/store/hostSettings";

export const dynamic = "force-dynamic";

// PATCH {"pricePerGbMonth": 0.1} sets a host's USD per GB-month (GB = 10^9 bytes); null restores the default.
export const PATCH = apiRoute<{ hostId: string }>("managePrices", async (request, { params, principal }) => {
  const id = routeId(params, "hostId");
  if (!id) return badRequest("Not a valid host id", "invalid_id");
  const { body, error } = await parseRequest(request, { body: hostSettingsBody });
  if (error) return error;
  const host = await setHostPrice(id, body.pricePerGbMonth);
  if (!host) return notFound("Host");
  await appendAudit({
    actor: auditActor(principal),
    action: "host_price_changed",
    runId: null,
    details: { hostId: id, hostName: host.name, pricePerGbMonth: body.pricePerGbMonth },
  });
  return json({ host: publicHost(host) });
});
