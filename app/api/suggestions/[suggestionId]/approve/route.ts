import type { NextRequest } from "next/server";
import { runBody } from "@/lib/api/publicBodies";
import { routeId } from "@/lib/api/params";
import { parseRequest } from "@/lib/api/request";
import { apiError, badRequest, conflict, forbidden, json, notFound, unauthorized } from "@/lib/api/response";
import { withApiErrors } from "@/lib/api/withApiErrors";
import { approveSuggestion } from "@/lib/actions/approveSuggestion";
import { canApprove } from "@/lib/auth/permissions";
import { sessionUser } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export const POST = withApiErrors(async (request: NextRequest, { params }: { params: Promise<{ suggestionId: string }> }) => {
  const { error } = await parseRequest(request, {});
  if (error) return error;
  const user = await sessionUser(request);
  if (!user) return unauthorized("Sign in to approve a cleanup");
  if (!canApprove(user)) return forbidden("Your account may not approve cleanups");
  const id = await routeId(params, "suggestionId");
  if (!id) return badRequest("Not a valid suggestion id", "invalid_id");
  const outcome = await approveSuggestion(id, user.username);
  if (outcome.kind === "not_found") return notFound("Suggestion");
  if (outcome.kind === "conflict")
    return outcome.runId ? apiError(409, outcome.code, outcome.message, { runId: outcome.runId }) : conflict(outcome.message, outcome.code);
  return json({ run: runBody(outcome.run) });
});
