import { baseImageVersions, sharedLayers } from "@/lib/analysis/sharedLayers";
import { json } from "@/lib/api/response";
import { apiRoute } from "@/lib/api/route";
import { loadFleetSnapshots } from "@/lib/store/fleetSnapshots";
import { categoryPricesFromEnv } from "@/lib/store/hostSettings";

export const dynamic = "force-dynamic";

// GET /api/fleet/shared-layers → {"layers":[{chainId,diffId,createdBy,hostCount,hosts:[{hostId,name,sizeBytes,
// images}],fleetBytes,monthlyCost}],"baseVersions":[{repository,versions:[{imageId,tags,hosts,sizeBytes}],
// hostCount}]}: every layer (by chain ID) on more than one host, from each host's newest good snapshot.
export const GET = apiRoute("view", async () => {
  const hosts = await loadFleetSnapshots();
  return json({ layers: sharedLayers(hosts, categoryPricesFromEnv()), baseVersions: baseImageVersions(hosts), hostsRead: hosts.length });
});
