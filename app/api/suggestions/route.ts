import { suggestionsQuery } from "@/lib/api/actionsSchema";
import { suggestionBody } from "@/lib/api/publicBodies";
import { parseRequest } from "@/lib/api/request";
import { json, notFound } from "@/lib/api/response";
import { apiRoute } from "@/lib/api/route";
import { currentSuggestions } from "@/lib/actions/currentSuggestions";
import { runReadTask } from "@/lib/worker/readWorker";
import { workersEnabled } from "@/lib/worker/storeWorker";

export const dynamic = "force-dynamic";

/**
 * Suggestions of each host's latest good snapshot (computed once per snapshot and stored): in the read
 * worker, where a new snapshot's are computed and stored too (writing them held the request loop ~90 ms
 * for the 1,251-image host).
 */
export const GET = apiRoute("view", async (request) => {
  const { query, error } = await parseRequest(request, { query: suggestionsQuery });
  if (error) return error;
  const suggestions = workersEnabled() ? await runReadTask("currentSuggestions", query.hostId ?? null) : await currentSuggestions(query.hostId);
  if (suggestions === null) return notFound("Host");
  return json({ suggestions: suggestions.map(suggestionBody) });
});
