import { routeId } from "@/lib/api/params";
import { badRequest, json, notFound } from "@/lib/api/response";
import { apiRoute } from "@/lib/api/route";
import { auditActor } from "@/lib/auth/auditActor";
import { appendAudit } from "@/lib/store/audit";
import { revokeApiToken } from "@/lib/store/apiTokens";

export const dynamic = "force-dynamic";

/** Revokes one of the caller's own tokens (it stops working at once; the row stays for the record). */
export const DELETE = apiRoute<{ tokenId: string }>("manageOwnAccount", async (_request, { params, principal }) => {
  const id = routeId(params, "tokenId");
  if (!id) return badRequest("Not a valid token id", "invalid_id");
  const apiToken = await revokeApiToken(principal!.userId, id, new Date());
  if (!apiToken) return notFound("Token");
  await appendAudit({ actor: auditActor(principal), action: "token_revoked", runId: null, details: { tokenId: id, name: apiToken.name } });
  return json({ apiToken });
});
