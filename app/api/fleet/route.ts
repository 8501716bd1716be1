import { fleetOverviewBody } from "@/lib/api/fleetListBodies";
import { apiRoute } from "@/lib/api/route";
import { cachedBodyResponse } from "@/lib/api/viewResponseCache";
import { runReadTask } from "@/lib/worker/readWorker";
import { workersEnabled } from "@/lib/worker/storeWorker";

export const dynamic = "force-dynamic";

// GET /api/fleet → {"totals":{categories,totalBytes,monthlyCost,reclaimableBytes,growthBytesPerDay,growthHosts,
// growth,steps,window,soonestFill,fillKnownHosts,hostsByStatus},"hosts":[{id,name,status,statusSince,totalBytes,
// monthlyCost,diskUsedBytes,diskFreeBytes,growthBytesPerDay,fill,reclaimableBytes,lastPollAt,lastError}]}:
// the fleet overview's one read. Growth over the last day by lib/analysis/trendGrowth.ts.
// Built in the read worker (lib/api/fleetListBodies.ts): it reads every host.
export const GET = apiRoute("view", async (request) =>
  cachedBodyResponse(workersEnabled() ? await runReadTask("fleet", null) : await fleetOverviewBody(), request.headers),
);
