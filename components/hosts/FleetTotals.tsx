import type { FleetTotals as Totals } from "@/lib/analysis/fleetOverview";
import { HOST_STATUSES } from "@/lib/analysis/hostStatus";
import { formatBytes, formatMoney } from "@/components/format";
import { statusLabel } from "./HostStatusBadge";

const CATEGORY_LABELS: Record<string, string> = {
  images: "Images",
  containers: "Writable layers",
  volumes: "Volumes",
  buildCache: "Build cache",
  logs: "Logs",
};

/** The fleet in one panel: bytes and $/month per category, growth, reclaimable, hosts by status. */
export function FleetTotals({ totals, hostCount }: { totals: Totals; hostCount: number }) {
  const growth = totals.growthBytesPerDay;
  return (
    <section className="panel" aria-label="Fleet totals">
      <h2>
        {hostCount} hosts · {formatBytes(totals.totalBytes)} · {formatMoney(totals.monthlyCost)}/month
      </h2>
      <div className="grid-2">
        <table aria-label="Fleet by category">
          <thead>
            <tr>
              <th>Category</th>
              <th className="num">Bytes</th>
              <th className="num">$/month</th>
            </tr>
          </thead>
          <tbody>
            {totals.categories.map((c) => (
              <tr key={c.category}>
                <td>{CATEGORY_LABELS[c.category] ?? c.category}</td>
                <td className="num">{formatBytes(c.bytes)}</td>
                <td className="num">{formatMoney(c.monthlyCost)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <dl className="fleet-facts">
          <dt>Growth</dt>
          <dd aria-label="Fleet growth">
            {growth === null
              ? "not enough history yet (a rate needs an hour of a host's own polls)"
              : `${growth >= 0 ? "+" : "−"}${formatBytes(Math.abs(growth))}/day over ${totals.growthHosts} hosts (added hosts are a step, not growth)`}
          </dd>
          <dt>Reclaimable</dt>
          <dd aria-label="Fleet reclaimable">up to {formatBytes(totals.reclaimableBytes)} (open cleanups on the Savings page)</dd>
          <dt>Hosts by status</dt>
          <dd aria-label="Hosts by status">
            {HOST_STATUSES.filter((s) => totals.hostsByStatus[s] > 0)
              .map((s) => `${totals.hostsByStatus[s]} ${statusLabel(s).toLowerCase()}`)
              .join(" · ") || "none"}
          </dd>
        </dl>
      </div>
    </section>
  );
}
