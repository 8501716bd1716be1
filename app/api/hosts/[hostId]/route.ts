import { routeId } from "@/lib/api/params";
import { badRequest, json, notFound } from "@/lib/api/response";
import { withApiErrors } from "@/lib/api/withApiErrors";
import { getHostSummary } from "@/lib/store/hostSummary";

export const dynamic = "force-dynamic";

// One host, in the same shape as an entry of GET /api/hosts.
export const GET = withApiErrors(async (_request: Request, { params }: { params: Promise<{ hostId: string }> }) => {
  const id = await routeId(params, "hostId");
  if (!id) return badRequest("Not a valid host id", "invalid_id");
  const host = await getHostSummary(id);
  return host ? json({ host }) : notFound("Host");
});
