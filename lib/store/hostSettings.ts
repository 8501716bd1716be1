import "server-only";
import type { CategoryPrices } from "@/lib/analysis/cost";
import { config } from "@/lib/config";
import { db } from "./db";
import { changingSnapshotKeys } from "./snapshotViewKey";
import { getHost, type HostDto } from "./hosts";

// Host settings a person changes from the dashboard: the price per GB-month (Host.pricePerGbMonth;
// null = OpenCost's $0.04 default). Per-category prices are not in the database: they come from the
// BALLAST_CATEGORY_PRICES environment variable, e.g. {"volumes":0.08,"buildCache":0.02}, and apply
// to every host (a category left out uses the host's price).

/** Sets (or with null, clears) a host's price; null when the host does not exist. */
export async function setHostPrice(hostId: string, pricePerGbMonth: number | null): Promise<HostDto | null> {
  const updated = await changingSnapshotKeys(() => db().host.updateMany({ where: { id: hostId }, data: { pricePerGbMonth } }));
  return updated.count === 0 ? null : getHost(hostId);
}

/** Per-category $/GB-month from BALLAST_CATEGORY_PRICES (validated at start by lib/config.ts). */
export function categoryPricesFromEnv(): CategoryPrices {
  return config().BALLAST_CATEGORY_PRICES;
}
