import { newTokenBody } from "@/lib/api/accountsSchema";
import { parseRequest } from "@/lib/api/request";
import { forbidden, json } from "@/lib/api/response";
import { apiRoute } from "@/lib/api/route";
import { auditActor } from "@/lib/auth/auditActor";
import { issueApiToken } from "@/lib/auth/apiTokens";
import { roleAtMost } from "@/lib/analysis/roles";
import { appendAudit } from "@/lib/store/audit";
import { listApiTokens } from "@/lib/store/apiTokens";

export const dynamic = "force-dynamic";

/** The signed-in user's own API tokens (never the token itself: it is shown once, at creation). */
export const GET = apiRoute("manageOwnAccount", async (_request, { principal }) => json({ tokens: await listApiTokens(principal!.userId) }));

// POST {"name","role"?} → 201 {"token":"blst_…","apiToken":{…}}: the token is in this answer only.
export const POST = apiRoute("manageOwnAccount", async (request, { principal }) => {
  const user = principal!;
  // A token cannot mint tokens: a leaked one must not be able to outlive its own revocation.
  if (user.kind !== "session") return forbidden("Sign in to create API tokens");
  const { body, error } = await parseRequest(request, { body: newTokenBody });
  if (error) return error;
  const role = body.role ?? user.role;
  if (!roleAtMost(role, user.role)) return forbidden(`A ${user.role} may not create a token with the ${role} role`);
  const { token, apiToken } = await issueApiToken(user.userId, body.name, role);
  await appendAudit({ actor: auditActor(user), action: "token_created", runId: null, details: { tokenId: apiToken.id, name: apiToken.name, role } });
  return json({ token, apiToken }, 201);
});
