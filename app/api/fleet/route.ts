import { fleetOverview } from "@/lib/analysis/fleetOverview";
import { currentSuggestionsForHost } from "@/lib/actions/currentSuggestions";
import { json } from "@/lib/api/response";
import { apiRoute } from "@/lib/api/route";
import { loadFleetHosts } from "@/lib/store/fleetHosts";
import { categoryPricesFromEnv } from "@/lib/store/hostSettings";
import { getHost } from "@/lib/store/hosts";

export const dynamic = "force-dynamic";

// GET /api/fleet → {"totals":{categories,totalBytes,monthlyCost,reclaimableBytes,growthBytesPerDay,growthHosts,
// hostsByStatus},"hosts":[{id,name,status,statusSince,totalBytes,monthlyCost,diskUsedBytes,diskFreeBytes,
// growthBytesPerDay,reclaimableBytes,lastPollAt,lastError}]}: the fleet overview's one read.
export const GET = apiRoute("view", async () => {
  const hosts = await loadFleetHosts(new Date());
  const withReclaimable = await Promise.all(
    hosts.map(async (host) => {
      const dto = host.totals ? await getHost(host.id) : null;
      const suggestions = dto ? await currentSuggestionsForHost(dto) : [];
      const open = suggestions.filter((s) => s.actionable && s.status === "open");
      return { ...host, reclaimableBytes: dto ? open.reduce((sum, s) => sum + s.bytes, 0) : null };
    }),
  );
  return json(fleetOverview(withReclaimable, categoryPricesFromEnv()));
});
