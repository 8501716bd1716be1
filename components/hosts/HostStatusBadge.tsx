import type { HostStatus } from "@/lib/analysis/hostStatus";
import { formatTime } from "@/components/format";

const LABELS: Record<HostStatus, string> = {
  ok: "OK",
  unreachable: "Unreachable",
  degraded: "Degraded",
  pending: "Not polled yet",
  disabled: "Disabled",
};

export function statusLabel(status: HostStatus): string {
  return LABELS[status];
}

/** "Unreachable since 10:02 (refused)" with the cause in the tooltip: what the status is, since when, and why. */
export function HostStatusBadge({ host }: { host: { status: HostStatus; statusSince: string; lastError: { code: string; message: string } | null } }) {
  const why = host.status === "unreachable" || host.status === "degraded" ? host.lastError : null;
  return (
    <span className={`badge ${host.status}`} title={why ? `${why.code}: ${why.message}` : undefined} data-status={host.status}>
      {LABELS[host.status]}
      {host.status !== "ok" && host.status !== "pending" && <> since {formatTime(host.statusSince)}</>}
      {why && <> ({why.code})</>}
    </span>
  );
}
