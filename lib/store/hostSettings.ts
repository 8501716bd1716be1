import "server-only";
import { z } from "zod";
import { COST_CATEGORIES, type CategoryPrices } from "@/lib/analysis/cost";
import { db } from "./db";
import { getHost, type HostDto } from "./hosts";

// Host settings a person changes from the dashboard: the price per GB-month (Host.pricePerGbMonth;
// null = OpenCost's $0.04 default). Per-category prices are not in the database: they come from the
// BALLAST_CATEGORY_PRICES environment variable, e.g. {"volumes":0.08,"buildCache":0.02}, and apply
// to every host (a category left out uses the host's price).

/** Sets (or with null, clears) a host's price; null when the host does not exist. */
export async function setHostPrice(hostId: string, pricePerGbMonth: number | null): Promise<HostDto | null> {
  const updated = await db().host.updateMany({ where: { id: hostId }, data: { pricePerGbMonth } });
  return updated.count === 0 ? null : getHost(hostId);
}

const categoryPricesSchema = z.partialRecord(z.enum(COST_CATEGORIES), z.number().nonnegative().max(1000));

/** Per-category $/GB-month from BALLAST_CATEGORY_PRICES; an unreadable value is reported, not ignored. */
export function categoryPricesFromEnv(env: Record<string, string | undefined> = process.env): CategoryPrices {
  const text = env.BALLAST_CATEGORY_PRICES?.trim();
  if (!text) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error("BALLAST_CATEGORY_PRICES is not valid JSON");
  }
  const result = categoryPricesSchema.safeParse(parsed);
  if (!result.success) throw new Error(`BALLAST_CATEGORY_PRICES: ${result.error.issues.map((i) => i.message).join("; ")}`);
  return result.data;
}
