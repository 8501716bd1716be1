import type { FleetCategory, FleetTotals as Totals } from "@/lib/analysis/fleetOverview";
import { HOST_STATUSES } from "@/lib/analysis/hostStatus";
import { formatBytes, formatMoney, formatTime } from "@/components/format";
import { fleetGrowthNote, rateText } from "./growthText";
import { StepList } from "./StepList";
import { statusLabel } from "./HostStatusBadge";

const CATEGORY_LABELS: Record<string, string> = {
  images: "Images",
  containers: "Writable layers",
  volumes: "Volumes",
  buildCache: "Build cache",
  logs: "Logs",
};

/** Bytes of a category, saying so where no host, or only some, measured it (logs need the agent). */
function CategoryBytes({ c }: { c: FleetCategory }) {
  if (c.bytes === null) return <span title="Log sizes need the Ballast host agent">not measured</span>;
  if (c.measuredHosts < c.hosts) {
    return (
      <span title="Log sizes need the Ballast host agent">
        {formatBytes(c.bytes)}{" "}
        <span className="meta">
          (partial: {c.measuredHosts} of {c.hosts} hosts)
        </span>
      </span>
    );
  }
  return <>{formatBytes(c.bytes)}</>;
}

function fillWords(totals: Totals): string {
  if (totals.fillKnownHosts === 0) return "unknown — disk figures need the Ballast host agent";
  const of = `of ${totals.fillKnownHosts} host${totals.fillKnownHosts === 1 ? "" : "s"} with disk figures`;
  if (!totals.soonestFill) return `no data root filling (${of})`;
  return `${totals.soonestFill.hostName} around ${formatTime(totals.soonestFill.fillDate)} (soonest ${of})`;
}

/** The fleet in one panel: bytes and $/month per category, growth and its steps, fill date, reclaimable, hosts by status. */
export function FleetTotals({ totals, hostCount }: { totals: Totals; hostCount: number }) {
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
              <tr key={c.category} data-category={c.category}>
                <td>{CATEGORY_LABELS[c.category] ?? c.category}</td>
                <td className="num">
                  <CategoryBytes c={c} />
                </td>
                <td className="num">{c.monthlyCost === null ? "—" : formatMoney(c.monthlyCost)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <dl className="fleet-facts">
          <dt>Growth, last 24 h</dt>
          <dd aria-label="Fleet growth">
            <strong>{rateText(totals.growthBytesPerDay)}</strong> {fleetGrowthNote(totals.growth, totals.hostsInWindow, "day")}
            <StepList steps={totals.steps} />
          </dd>
          <dt>First disk full</dt>
          <dd aria-label="Fleet fill date">{fillWords(totals)}</dd>
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
