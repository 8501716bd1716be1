import { COST_CATEGORIES, monthlyCostByCategory, totalBytes, type CategoryPrices, type CategoryTotals, type CostCategory } from "./cost";
import { HOST_STATUSES, type HostStatus } from "./hostStatus";
import { growthPerDay, hostSeries, type TotalsPoint } from "./trends";

// Pure: the fleet overview — totals for the fleet, then one row per host — from each host's newest good
// totals and its recent points. Growth counts only hosts with at least an hour of history in the
// window, each over its own points: a host added (or removed) is a step in the totals, never growth.

export const MIN_GROWTH_SPAN_MS = 3_600_000;

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
  /** Good snapshots in the growth window, oldest first. */
  points: TotalsPoint[];
  /** What the host's open actionable suggestions would free (strategies may overlap: an upper bound). */
  reclaimableBytes: number | null;
};

export type FleetHostRow = Omit<FleetHostInput, "totals" | "points" | "disk" | "pricePerGbMonth"> & {
  totalBytes: number | null;
  monthlyCost: number | null;
  diskUsedBytes: number | null;
  diskFreeBytes: number | null;
  /** null: less than an hour of history ("not enough history yet"). */
  growthBytesPerDay: number | null;
};

export type FleetTotals = {
  categories: { category: CostCategory; bytes: number; monthlyCost: number }[];
  totalBytes: number;
  monthlyCost: number;
  reclaimableBytes: number;
  /** Sum over the hosts that have a rate; null when none has an hour of history. */
  growthBytesPerDay: number | null;
  /** How many hosts the growth is measured over. */
  growthHosts: number;
  hostsByStatus: Record<HostStatus, number>;
};

/** Growth per day from a host's own points; null below an hour of history. */
export function hostGrowthPerDay(points: TotalsPoint[]): number | null {
  if (points.length < 2) return null;
  const span = Date.parse(points[points.length - 1].takenAt) - Date.parse(points[0].takenAt);
  return span < MIN_GROWTH_SPAN_MS ? null : growthPerDay(hostSeries(points));
}

export function fleetOverview(hosts: FleetHostInput[], categoryPrices: CategoryPrices = {}): { totals: FleetTotals; hosts: FleetHostRow[] } {
  const byCategory = new Map<CostCategory, { bytes: number; monthlyCost: number }>(COST_CATEGORIES.map((c) => [c, { bytes: 0, monthlyCost: 0 }]));
  const hostsByStatus = Object.fromEntries(HOST_STATUSES.map((s) => [s, 0])) as Record<HostStatus, number>;
  let growth: number | null = null;
  let growthHosts = 0;
  let reclaimable = 0;
  const rows = hosts.map((host): FleetHostRow => {
    hostsByStatus[host.status] += 1;
    const costs = host.totals ? monthlyCostByCategory(host.totals, host.pricePerGbMonth, categoryPrices) : null;
    if (host.totals && costs) {
      for (const category of COST_CATEGORIES) {
        const sum = byCategory.get(category)!;
        sum.bytes += host.totals[category] ?? 0;
        sum.monthlyCost += costs[category];
      }
    }
    const rate = hostGrowthPerDay(host.points);
    if (rate !== null) {
      growth = (growth ?? 0) + rate;
      growthHosts += 1;
    }
    reclaimable += host.reclaimableBytes ?? 0;
    const { totals, points: _points, disk, pricePerGbMonth: _price, ...rest } = host;
    return {
      ...rest,
      totalBytes: totals ? totalBytes(totals) : null,
      monthlyCost: costs ? Object.values(costs).reduce((a, b) => a + b, 0) : null,
      diskUsedBytes: disk?.usedBytes ?? null,
      diskFreeBytes: disk?.freeBytes ?? null,
      growthBytesPerDay: rate,
    };
  });
  const categories = [...byCategory.entries()].map(([category, sum]) => ({ category, ...sum }));
  return {
    totals: {
      categories,
      totalBytes: categories.reduce((a, c) => a + c.bytes, 0),
      monthlyCost: categories.reduce((a, c) => a + c.monthlyCost, 0),
      reclaimableBytes: reclaimable,
      growthBytesPerDay: growth,
      growthHosts,
      hostsByStatus,
    },
    hosts: rows,
  };
}
