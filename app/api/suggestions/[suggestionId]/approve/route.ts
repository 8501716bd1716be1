import { routeId } from "@/lib/api/params";
import { runBody } from "@/lib/api/publicBodies";
import { apiError, badRequest, conflict, json, notFound } from "@/lib/api/response";
import { apiRoute } from "@/lib/api/route";
import { approveSuggestion } from "@/lib/actions/approveSuggestion";

export const dynamic = "force-dynamic";

// Approving needs a signed-in approver or admin: "approve" is never open, not even without accounts.
export const POST = apiRoute<{ suggestionId: string }>("approve", async (_request, { params, principal }) => {
  const id = routeId(params, "suggestionId");
  if (!id) return badRequest("Not a valid suggestion id", "invalid_id");
  const outcome = await approveSuggestion(id, principal!.username);
  if (outcome.kind === "not_found") return notFound("Suggestion");
  if (outcome.kind === "conflict")
    return outcome.runId ? apiError(409, outcome.code, outcome.message, { runId: outcome.runId }) : conflict(outcome.message, outcome.code);
  return json({ run: runBody(outcome.run) });
});
