import { fleetSharedLayersBody } from "@/lib/api/fleetSharedLayersBody";
import { apiRoute } from "@/lib/api/route";
import { cachedBodyResponse } from "@/lib/api/viewResponseCache";
import { runReadTask } from "@/lib/worker/readWorker";
import { workersEnabled } from "@/lib/worker/storeWorker";

export const dynamic = "force-dynamic";

// GET /api/fleet/shared-layers → {"layers":[{chainId,diffId,createdBy,hostCount,hosts:[{hostId,name,sizeBytes,
// images}],fleetBytes,monthlyCost}],"baseVersions":[{repository,versions:[{imageId,tags,hosts,sizeBytes}],
// hostCount}]}: every layer (by chain ID) on more than one host, from each host's newest good snapshot.
// Built in the read worker (lib/api/fleetSharedLayersBody.ts): it loads every host's snapshot whole.
export const GET = apiRoute("view", async (request) =>
  cachedBodyResponse(workersEnabled() ? await runReadTask("fleetSharedLayers", null) : await fleetSharedLayersBody(), request.headers),
);
