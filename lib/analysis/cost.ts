import type { HostSnapshot } from "@/lib/collect/schema";

// Money is computed here and only here. Unit convention, everywhere in Ballast (UI, API, CSV):
// GB = 10^9 bytes (decimal, as `docker system df` prints sizes), prices in USD per GB-month.

export const BYTES_PER_GB = 1_000_000_000;

/** OpenCost's default storage price: $0.04/GB-month (GCP us-central1 list price). */
export const DEFAULT_PRICE_PER_GB_MONTH = 0.04;

export const CURRENCY = "USD";

/** $/month for keeping `bytes` for a month at `pricePerGbMonth`. */
export function monthlyCost(bytes: number, pricePerGbMonth: number = DEFAULT_PRICE_PER_GB_MONTH): number {
  return (bytes / BYTES_PER_GB) * pricePerGbMonth;
}

// ---- Prices, categories and GB-months (issue 5) -------------------------------------------------

/**
 * Hours in a billing month. 730 = 8,760 hours a year / 12, the month cloud price lists use
 * (OpenCost's $0.04/GB-month is its $0.00005479452/GB-hour × 730). Calendar months are not
 * stretched or shrunk: a 31-day month holds 744 hours and costs 744/730 of the monthly price.
 */
export const HOURS_PER_MONTH = 730;

export const MS_PER_HOUR = 3_600_000;

/** The storage Ballast prices, in the order the UI, API and CSV list them. */
export const COST_CATEGORIES = ["images", "containers", "volumes", "buildCache", "logs"] as const;

/** images = layers of images; containers = writable layers; the rest as Docker names them. */
export type CostCategory = (typeof COST_CATEGORIES)[number];

/** Optional $/GB-month per category; a category left out uses the host's price. */
export type CategoryPrices = Partial<Record<CostCategory, number>>;

/** Bytes per category on one host at one time; logs is null when nothing measured them. */
export type CategoryTotals = Record<Exclude<CostCategory, "logs">, number> & { logs: number | null };

function checkPrice(price: number): number {
  if (!Number.isFinite(price) || price < 0) throw new RangeError(`price per GB-month must be ≥ 0, got ${price}`);
  return price;
}

/**
 * $/GB-month for one category on one host: the category's own price if set, else the host's price,
 * else OpenCost's default ($0.04). Without a category, the host's price (or the default).
 */
export function resolvePrice(hostPrice?: number | null, categoryPrices?: CategoryPrices | null, category?: CostCategory): number {
  const categoryPrice = category === undefined ? undefined : categoryPrices?.[category];
  if (categoryPrice !== undefined && categoryPrice !== null) return checkPrice(categoryPrice);
  if (hostPrice !== undefined && hostPrice !== null) return checkPrice(hostPrice);
  return DEFAULT_PRICE_PER_GB_MONTH;
}

/** Hours from `from` to `to` (negative when `to` is earlier). */
export function hoursBetween(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / MS_PER_HOUR;
}

/** GB-months (GB = 10^9 bytes, month = 730 hours) of keeping `bytes` for `hours`. */
export function gbMonths(bytes: number, hours: number): number {
  return (bytes / BYTES_PER_GB) * (hours / HOURS_PER_MONTH);
}

/**
 * Bytes per category in one snapshot. images = the engine's LayersSize; containers = Σ writable layers;
 * volumes = Σ sizes (a volume whose driver reports no size counts 0); buildCache = Σ private records
 * only (`shared` records are image layers, already in images: this is `docker system df`'s own figure);
 * logs = Σ measured log bytes, null when no container's logs were measured.
 */
export function categoryTotals(snapshot: Pick<HostSnapshot, "layersSizeBytes" | "containers" | "volumes" | "buildCache">): CategoryTotals {
  let logs: number | null = null;
  for (const container of snapshot.containers) {
    if (container.logBytes !== null) logs = (logs ?? 0) + container.logBytes;
  }
  return {
    images: snapshot.layersSizeBytes,
    containers: sum(snapshot.containers.map((container) => container.writableBytes)),
    volumes: sum(snapshot.volumes.map((volume) => volume.sizeBytes ?? 0)),
    buildCache: sum(snapshot.buildCache.filter((record) => !record.shared).map((record) => record.sizeBytes)),
    logs,
  };
}

/** All categories added up (unmeasured logs count 0). */
export function totalBytes(totals: CategoryTotals): number {
  return totals.images + totals.containers + totals.volumes + totals.buildCache + (totals.logs ?? 0);
}

/** $/month per category for one snapshot's totals at the host's (and categories') prices. */
export function monthlyCostByCategory(totals: CategoryTotals, hostPrice?: number | null, categoryPrices?: CategoryPrices | null): Record<CostCategory, number> {
  const result = {} as Record<CostCategory, number>;
  for (const category of COST_CATEGORIES) {
    result[category] = monthlyCost(totals[category] ?? 0, resolvePrice(hostPrice, categoryPrices, category));
  }
  return result;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
