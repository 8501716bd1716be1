// Formatting for people, in one place. Unit convention everywhere: GB = 10^9 bytes (decimal, as
// `docker system df` prints), money in USD per month.

const UNITS = ["B", "kB", "MB", "GB", "TB", "PB"];

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return "—";
  if (bytes < 1000) return `${bytes} B`;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(value >= 100 ? 0 : value >= 10 ? 1 : 2)} ${UNITS[unit]}`;
}

/** Exact byte count with thousands separators, for tooltips and tables where users compare with Docker. */
export function formatExactBytes(bytes: number | null | undefined): string {
  return bytes === null || bytes === undefined ? "—" : `${bytes.toLocaleString("en-US")} B`;
}

export function formatMoney(amount: number | null | undefined, currency = "USD"): string {
  if (amount === null || amount === undefined) return "—";
  if (amount > 0 && amount < 0.0001) return "< $0.0001";
  const digits = amount !== 0 && Math.abs(amount) < 0.01 ? 4 : 2;
  return new Intl.NumberFormat("en-US", { style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(amount);
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return "never";
  return new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });
}

/** "4 Dec 2026": a date where the hour means nothing (a fill date weeks ahead). */
export function formatDay(iso: string): string {
  return new Date(iso).toLocaleDateString("en-GB", { dateStyle: "medium" });
}

export function formatAge(iso: string, now: number = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 60) return `${seconds}s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86400)} days ago`;
}

type EngineLine = { version: string; apiVersion: string; maxApiVersion?: string; imageStore?: string; storageDriver: string } | null | undefined;

/** "Docker 28.5.2 · API 1.51 · containerd image store (overlayfs)": what every host card and snapshot names. */
export function formatEngine(engine: EngineLine): string {
  if (!engine) return "engine unknown";
  const api =
    engine.maxApiVersion && engine.maxApiVersion !== engine.apiVersion
      ? `API ${engine.apiVersion} (engine up to ${engine.maxApiVersion})`
      : `API ${engine.apiVersion}`;
  const store = engine.imageStore === "containerd" ? "containerd image store" : "graph driver store";
  return `Docker ${engine.version} · ${api} · ${store} (${engine.storageDriver})`;
}
