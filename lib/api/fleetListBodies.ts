import "server-only";
import { currentSuggestionsForHost } from "@/lib/actions/currentSuggestions";
import { fleetOverview } from "@/lib/analysis/fleetOverview";
import { retryWhenBusy } from "@/lib/store/busyRetry";
import { growthWindow, loadFleetHosts } from "@/lib/store/fleetHosts";
import { categoryPricesFromEnv } from "@/lib/store/hostSettings";
import { getHost } from "@/lib/store/hosts";
import { listHostSummaries } from "@/lib/store/hostSummaries";
import { hostSummaryBody } from "./publicBodies";
import { serialisedBody, type CachedBody } from "./viewResponseCache";

// The two answers that read every host: the host list (each host's newest polls, disk readings, and a
// count of every snapshot kept, a GROUP BY over the whole Snapshot table) and the fleet overview (the
// same, a day of every host's totals for growth, and each host's suggestions). SQLite answers
// synchronously, so on a fleet of 20 hosts × 30 days their queries alone held the request loop
// 120–190 ms (profiled); they are built in the read worker (lib/worker/readTasks.ts), or in process
// with BALLAST_WORKERS=off, and sent as gzip with an ETag.

/** GET /api/hosts' answer. */
export async function hostListBody(): Promise<CachedBody> {
  return serialisedBody({ hosts: (await listHostSummaries()).map(hostSummaryBody) });
}

/** GET /api/fleet's answer. A new snapshot's suggestions are computed and stored on the way, as on the suggestions route. */
export async function fleetOverviewBody(): Promise<CachedBody> {
  const now = new Date();
  const hosts = await loadFleetHosts(now);
  const withReclaimable = await Promise.all(
    hosts.map(async (host) => {
      const dto = host.totals ? await getHost(host.id) : null;
      // Storing them is a write from this thread: refused at once (SQLITE_BUSY) while the store worker commits, then again.
      const suggestions = dto ? await retryWhenBusy(() => currentSuggestionsForHost(dto)) : [];
      const open = suggestions.filter((s) => s.actionable && s.status === "open");
      return { ...host, reclaimableBytes: dto ? open.reduce((sum, s) => sum + s.bytes, 0) : null };
    }),
  );
  return serialisedBody(fleetOverview(withReclaimable, growthWindow(now), categoryPricesFromEnv()));
}
