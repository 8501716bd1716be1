import { suggestionsQuery } from "@/lib/api/actionsSchema";
import { suggestionBody } from "@/lib/api/publicBodies";
import { parseRequest } from "@/lib/api/request";
import { json, notFound } from "@/lib/api/response";
import { apiRoute } from "@/lib/api/route";
import { currentSuggestions } from "@/lib/actions/currentSuggestions";

export const dynamic = "force-dynamic";

/** Suggestions of each host's latest good snapshot (computed once per snapshot and stored). */
export const GET = apiRoute("view", async (request) => {
  const { query, error } = await parseRequest(request, { query: suggestionsQuery });
  if (error) return error;
  const suggestions = await currentSuggestions(query.hostId);
  if (suggestions === null) return notFound("Host");
  return json({ suggestions: suggestions.map(suggestionBody) });
});
