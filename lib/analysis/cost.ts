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
