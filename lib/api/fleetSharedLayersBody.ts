import "server-only";
import { baseImageVersions, sharedLayers } from "@/lib/analysis/sharedLayers";
import { loadFleetSnapshots } from "@/lib/store/fleetSnapshots";
import { categoryPricesFromEnv } from "@/lib/store/hostSettings";
import type { CachedBody } from "./viewResponseCache";
import { serialisedBody } from "./viewResponseCache";

// /api/fleet/shared-layers' finished answer: every enabled host's newest good snapshot loaded whole and
// compared, tens of MB of rows for a fleet of big hosts, so it is built off the request loop, in the read
// worker (lib/worker/readTasks.ts), or in process with BALLAST_WORKERS=off; gzipped there with its ETag.
export async function fleetSharedLayersBody(): Promise<CachedBody> {
  const hosts = await loadFleetSnapshots();
  return serialisedBody({ layers: sharedLayers(hosts, categoryPricesFromEnv()), baseVersions: baseImageVersions(hosts), hostsRead: hosts.length });
}
