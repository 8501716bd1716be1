import { fleetOverview } from "@/lib/analysis/fleetOverview";
import { currentSuggestionsForHost } from "@/lib/actions/currentSuggestions";
import { json } from "@/lib/api/response";
import { apiRoute } from "@/lib/api/route";
import { growthWindow, loadFleetHosts } from "@/lib/store/fleetHosts";
import { categoryPricesFromEnv } from "@/lib/store/hostSettings";
import { getHost } from "@/lib/store/hosts";

export const dynamic = "force-dynamic";

// GET /api/fleet → {"totals":{categories,totalBytes,monthlyCost,reclaimableBytes,growthBytesPerDay,growthHosts,
// growth,steps,window,soonestFill,fillKnownHosts,hostsByStatus},"hosts":[{id,name,status,statusSince,totalBytes,
// monthlyCost,diskUsedBytes,diskFreeBytes,growthBytesPerDay,fill,reclaimableBytes,lastPollAt,lastError}]}:
// the fleet overview's one read. Growth over the last day by lib/analysis/trendGrowth.ts.
export const GET = apiRoute("view", async () => {
  const now = new Date();
  const hosts = await loadFleetHosts(now);
  const withReclaimable = await Promise.all(
    hosts.map(async (host) => {
      const dto = host.totals ? await getHost(host.id) : null;
      const suggestions = dto ? await currentSuggestionsForHost(dto) : [];
      const open = suggestions.filter((s) => s.actionable && s.status === "open");
      return { ...host, reclaimableBytes: dto ? open.reduce((sum, s) => sum + s.bytes, 0) : null };
    }),
  );
  return json(fleetOverview(withReclaimable, growthWindow(now), categoryPricesFromEnv()));
});
