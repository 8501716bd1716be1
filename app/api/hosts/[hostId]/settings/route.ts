import type { NextRequest } from "next/server";
import { routeId } from "@/lib/api/params";
import { parseRequest } from "@/lib/api/request";
import { badRequest, json, notFound } from "@/lib/api/response";
import { hostSettingsBody } from "@/lib/api/reportSchema";
import { withApiErrors } from "@/lib/api/withApiErrors";
import { hostManagementDenied } from "@/lib/api/hostManagement";
import { publicHost } from "@/lib/api/publicBodies";
import { setHostPrice } from "@/lib/store/hostSettings";

export const dynamic = "force-dynamic";

// PATCH {"pricePerGbMonth": 0.1} sets a host's USD per GB-month (GB = 10^9 bytes); null restores the default.
export const PATCH = withApiErrors(async (request: NextRequest, { params }: { params: Promise<{ hostId: string }> }) => {
  const { body, error } = await parseRequest(request, { body: hostSettingsBody });
  if (error) return error;
  const denied = await hostManagementDenied(request);
  if (denied) return denied;
  const id = await routeId(params, "hostId");
  if (!id) return badRequest("Not a valid host id", "invalid_id");
  const host = await setHostPrice(id, body.pricePerGbMonth);
  if (!host) return notFound("Host");
  return json({ host: publicHost(host) });
});
