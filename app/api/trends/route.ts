import { parseRequest } from "@/lib/api/request";
import { notFound } from "@/lib/api/response";
import { trendsQuery } from "@/lib/api/reportSchema";
import { apiRoute } from "@/lib/api/route";
import { trendsBody } from "@/lib/api/trendsBody";
import { cachedBodyResponse } from "@/lib/api/viewResponseCache";
import { runReadTask } from "@/lib/worker/readWorker";
import { workersEnabled } from "@/lib/worker/storeWorker";

export const dynamic = "force-dynamic";

// Bytes per category over [from, to) for one host (hostId) or the fleet, growth per day by the one rule
// (lib/analysis/trendGrowth.ts: `growth` says over which hosts and span, `steps` the hosts added, removed
// or answering as another engine), and each agent-measured filesystem's fill forecast over the same
// window (`fills`). fillDate is the soonest data-root fill date in scope.
// Built in the read worker (lib/api/trendsBody.ts): it reads every poll of every host in range.
export const GET = apiRoute("view", async (request) => {
  const { query, error } = await parseRequest(request, { query: trendsQuery });
  if (error) return error;
  const result = workersEnabled() ? await runReadTask("trends", query) : await trendsBody(query);
  return result.kind === "body" ? cachedBodyResponse(result, request.headers) : notFound(result.what);
});
