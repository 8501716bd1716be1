import { userChangeBody } from "@/lib/api/accountsSchema";
import { routeId } from "@/lib/api/params";
import { parseRequest } from "@/lib/api/request";
import { badRequest, conflict, json, notFound } from "@/lib/api/response";
import { apiRoute } from "@/lib/api/route";
import { auditActor } from "@/lib/auth/auditActor";
import { changeUser } from "@/lib/auth/users";

export const dynamic = "force-dynamic";

// PATCH {"role"?, "password"?, "disabled"?}: any change ends that user's sessions.
export const PATCH = apiRoute<{ userId: string }>("manageUsers", async (request, { params, principal }) => {
  const id = routeId(params, "userId");
  if (!id) return badRequest("Not a valid user id", "invalid_id");
  const { body, error } = await parseRequest(request, { body: userChangeBody });
  if (error) return error;
  const outcome = await changeUser(auditActor(principal), id, body);
  if (outcome.kind === "not_found") return notFound("User");
  if (outcome.kind === "last_admin") return conflict("This is the last enabled admin: add another admin first", "last_admin");
  return json({ user: outcome.user });
});
