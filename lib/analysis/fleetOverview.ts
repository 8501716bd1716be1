import { COST_CATEGORIES, monthlyCostByCategory, totalBytes, type CategoryPrices, type CategoryTotals, type CostCategory } from "./cost";
import type { FillForecast } from "./fillForecast";
import { HOST_STATUSES, type HostStatus } from "./hostStatus";
import { trendGrowth, type GrowthMeasure, type HistoryPoint, type TrendStep } from "./trendGrowth";

// Pure: the fleet overview — totals for the fleet, then one row per host — from each host's newest good
// totals, its polls in the growth window and its data root's fill forecast. Growth follows the one rule
// (trendGrowth.ts): the fleet's over hosts present for the whole window, each row over its own series;
// a host added, removed or answering as another engine is a step, never growth.

export type FleetHostInput = {
  id: string;
  name: string;
  status: HostStatus;
  statusSince: string;
  lastPollAt: string | null;
  lastError: { code: string; message: string } | null;
  pricePerGbMonth: number | null;
  /** The newest good snapshot's totals, null before the first good poll. */
  totals: CategoryTotals | null;
  /** The data-root filesystem (agent hosts only). */
  disk: { usedBytes: number; freeBytes: number } | null;
  /** Good polls in the growth window and the newest one before it, oldest first. */
  points: HistoryPoint[];
  seriesStartedAt: string | null;
  /** When the host left the fleet (disabled), else null. */
  endedAt: string | null;
  /** The data root's fill forecast (fillForecast.ts, the agent's disk figures); null: no disk figures. */
  fill: FillForecast | null;
  /** What the host's open actionable suggestions would free (strategies may overlap: an upper bound). */
  reclaimableBytes: number | null;
};

/** The fill date in a row: null when the host has no disk figures ("unknown"). */
export type RowFill = Pick<FillForecast, "status" | "fillDate"> | null;

export type FleetHostRow = Omit<FleetHostInput, "totals" | "points" | "disk" | "pricePerGbMonth" | "seriesStartedAt" | "endedAt" | "fill"> & {
  totalBytes: number | null;
  monthlyCost: number | null;
  diskUsedBytes: number | null;
  diskFreeBytes: number | null;
  /** null: less than an hour of the host's current series ("not enough history yet"). */
  growthBytesPerDay: number | null;
  fill: RowFill;
};

export type FleetCategory = {
  category: CostCategory;
  /** null: measured on no host (logs need the agent). */
  bytes: number | null;
  monthlyCost: number | null;
  /** Hosts with totals that measured this category, of `hosts` with totals: fewer means partial. */
  measuredHosts: number;
  hosts: number;
};

export type FleetTotals = {
  categories: FleetCategory[];
  totalBytes: number;
  monthlyCost: number;
  reclaimableBytes: number;
  /** The fleet's rate by the rule; null when not enough history yet. */
  growthBytesPerDay: number | null;
  /** How many hosts the growth is measured over. */
  growthHosts: number;
  growth: GrowthMeasure;
  /** Hosts added, removed or answering as another engine in the window. */
  steps: TrendStep[];
  /** Hosts with polls in the window (the rate counts those present for all of it). */
  hostsInWindow: number;
  window: { from: string; to: string };
  /** The soonest data-root fill date in the fleet, and over how many hosts with disk figures. */
  soonestFill: { hostId: string; hostName: string; fillDate: string } | null;
  fillKnownHosts: number;
  hostsByStatus: Record<HostStatus, number>;
};

function categoryTotalsOf(hosts: FleetHostInput[], categoryPrices: CategoryPrices): FleetCategory[] {
  const measured = hosts.filter((host) => host.totals !== null);
  return COST_CATEGORIES.map((category) => {
    const measuring = measured.filter((host) => host.totals![category] !== null);
    const bytes = measuring.reduce((sum, host) => sum + (host.totals![category] ?? 0), 0);
    const cost = measuring.reduce((sum, host) => sum + monthlyCostByCategory(host.totals!, host.pricePerGbMonth, categoryPrices)[category], 0);
    const none = measuring.length === 0 && category === "logs";
    return { category, bytes: none ? null : bytes, monthlyCost: none ? null : cost, measuredHosts: measuring.length, hosts: measured.length };
  });
}

function soonestFill(hosts: FleetHostInput[]): FleetTotals["soonestFill"] {
  const filling = hosts.filter((host) => host.fill?.fillDate).sort((a, b) => Date.parse(a.fill!.fillDate!) - Date.parse(b.fill!.fillDate!));
  const first = filling[0];
  return first ? { hostId: first.id, hostName: first.name, fillDate: first.fill!.fillDate! } : null;
}

export function fleetOverview(
  hosts: FleetHostInput[],
  window: { from: Date; to: Date },
  categoryPrices: CategoryPrices = {},
): { totals: FleetTotals; hosts: FleetHostRow[] } {
  const hostsByStatus = Object.fromEntries(HOST_STATUSES.map((s) => [s, 0])) as Record<HostStatus, number>;
  const history = (host: FleetHostInput) => ({ hostId: host.id, hostName: host.name, ...host });
  const rows = hosts.map((host): FleetHostRow => {
    hostsByStatus[host.status] += 1;
    const costs = host.totals ? monthlyCostByCategory(host.totals, host.pricePerGbMonth, categoryPrices) : null;
    const { totals, points: _points, disk, pricePerGbMonth: _price, seriesStartedAt: _series, endedAt: _ended, fill, ...rest } = host;
    return {
      ...rest,
      totalBytes: totals ? totalBytes(totals) : null,
      monthlyCost: costs ? Object.values(costs).reduce((a, b) => a + b, 0) : null,
      diskUsedBytes: disk?.usedBytes ?? null,
      diskFreeBytes: disk?.freeBytes ?? null,
      growthBytesPerDay: trendGrowth([history(host)], window, "host").growth.bytesPerDay,
      fill: fill ? { status: fill.status, fillDate: fill.fillDate } : null,
    };
  });
  const fleet = trendGrowth(hosts.map(history), window, "fleet");
  const categories = categoryTotalsOf(hosts, categoryPrices);
  return {
    totals: {
      categories,
      totalBytes: categories.reduce((a, c) => a + (c.bytes ?? 0), 0),
      monthlyCost: categories.reduce((a, c) => a + (c.monthlyCost ?? 0), 0),
      reclaimableBytes: hosts.reduce((sum, host) => sum + (host.reclaimableBytes ?? 0), 0),
      growthBytesPerDay: fleet.growth.bytesPerDay,
      growthHosts: fleet.growth.status === "measured" ? fleet.growth.hostIds.length : 0,
      growth: fleet.growth,
      steps: fleet.steps,
      hostsInWindow: fleet.hostsInWindow,
      window: { from: window.from.toISOString(), to: window.to.toISOString() },
      soonestFill: soonestFill(hosts),
      fillKnownHosts: hosts.filter((host) => host.fill !== null).length,
      hostsByStatus,
    },
    hosts: rows,
  };
}
