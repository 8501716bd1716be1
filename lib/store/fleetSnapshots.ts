import "server-only";
import type { FleetSnapshot } from "@/lib/analysis/sharedLayers";
import { listHosts } from "./hosts";
import { getLatestGoodSnapshot, loadHostSnapshot } from "./snapshotReader";

/** Every enabled host's newest good snapshot, whole (for fleet-wide layer analysis). */
export async function loadFleetSnapshots(): Promise<FleetSnapshot[]> {
  const hosts = (await listHosts()).filter((host) => host.enabled);
  const loaded = await Promise.all(
    hosts.map(async (host) => {
      const latest = await getLatestGoodSnapshot(host.id);
      const snapshot = latest ? await loadHostSnapshot(latest.id) : null;
      return snapshot ? { hostId: host.id, name: host.name, pricePerGbMonth: host.pricePerGbMonth, snapshot } : null;
    }),
  );
  return loaded.filter((entry): entry is FleetSnapshot => entry !== null);
}
