import "server-only";
import { listHostSummaries, type HostSummaryDto } from "./hostSummaries";

/**
 * One host's summary, or null. Hosts are few (a fleet, not thousands), so reusing the list keeps one
 * definition of a summary instead of a second copy that could drift.
 */
export async function getHostSummary(id: string): Promise<HostSummaryDto | null> {
  return (await listHostSummaries()).find((summary) => summary.host.id === id) ?? null;
}
