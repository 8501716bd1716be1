"use client";
import Link from "next/link";
import { useMemo } from "react";
import { useRouter } from "next/navigation";
import type { FleetHostRow, RowFill } from "@/lib/analysis/fleetOverview";
import { DataTable, type Column } from "@/components/tables/DataTable";
import { formatAge, formatBytes, formatDay, formatMoney, formatTime } from "@/components/format";
import { rateText } from "./growthText";
import { HostStatusBadge } from "./HostStatusBadge";

const STATUS_ORDER = { unreachable: 0, degraded: 1, pending: 2, ok: 3, disabled: 4 } as const;

/** The fill date by the one rule (lib/analysis/fillForecast.ts); "unknown" without the agent's disk figures. */
function fillCell(fill: RowFill): string {
  if (!fill) return "unknown";
  if (fill.fillDate) return formatDay(fill.fillDate);
  // "not yet": not enough history for a fill date (an hour of the agent's readings); the cell's title says so.
  return fill.status === "not_filling" ? "not filling" : "not yet";
}

function fillTitle(fill: RowFill): string {
  if (!fill) return "Disk figures need the Ballast host agent";
  return fill.status === "not_filling"
    ? "Used bytes flat or shrinking over the last 7 days"
    : "Not enough history yet for a fill date (an hour of the agent's readings)";
}

/** One sortable, filterable row per host; a row opens the host. */
export function FleetTable({ hosts }: { hosts: FleetHostRow[] }) {
  const router = useRouter();
  const columns = useMemo<Column<FleetHostRow>[]>(
    () => [
      {
        key: "name",
        header: "Host",
        sortValue: (h) => h.name,
        render: (h) => (
          <Link href={`/hosts/${h.id}`} onClick={(e) => e.stopPropagation()}>
            {h.name}
          </Link>
        ),
      },
      {
        key: "status",
        header: "Status",
        sortValue: (h) => STATUS_ORDER[h.status],
        filterText: (h) => `${h.status} ${h.lastError?.code ?? ""}`,
        render: (h) => <HostStatusBadge host={h} />,
        width: "180px",
      },
      { key: "total", header: "Total", numeric: true, sortValue: (h) => h.totalBytes, render: (h) => formatBytes(h.totalBytes), width: "80px" },
      { key: "cost", header: "$/month", numeric: true, sortValue: (h) => h.monthlyCost, render: (h) => formatMoney(h.monthlyCost), width: "85px" },
      {
        key: "diskUsed",
        header: "Disk used",
        numeric: true,
        sortValue: (h) => h.diskUsedBytes,
        render: (h) => (h.diskUsedBytes === null ? "—" : formatBytes(h.diskUsedBytes)),
        width: "85px",
      },
      {
        key: "diskFree",
        header: "Disk free",
        numeric: true,
        sortValue: (h) => h.diskFreeBytes,
        render: (h) => (h.diskFreeBytes === null ? "—" : formatBytes(h.diskFreeBytes)),
        width: "85px",
      },
      {
        key: "growth",
        header: "Growth/day, 24 h",
        numeric: true,
        sortValue: (h) => h.growthBytesPerDay,
        render: (h) =>
          h.growthBytesPerDay === null ? (
            <span className="meta" title="Not enough history yet: a rate needs an hour of this host's polls from one engine">
              not yet
            </span>
          ) : (
            rateText(h.growthBytesPerDay).replace("/day", "")
          ),
        width: "115px",
      },
      {
        key: "fill",
        header: "Disk full",
        // Soonest first when sorted ascending; "not filling" and "unknown" after every date.
        sortValue: (h) => (h.fill?.fillDate ? Date.parse(h.fill.fillDate) : null),
        filterText: (h) => fillCell(h.fill),
        render: (h) =>
          h.fill?.fillDate ? (
            <span title={formatTime(h.fill.fillDate)}>{formatDay(h.fill.fillDate)}</span>
          ) : (
            <span className="meta" title={fillTitle(h.fill)}>
              {fillCell(h.fill)}
            </span>
          ),
        width: "110px",
      },
      {
        key: "reclaimable",
        header: "Reclaimable",
        numeric: true,
        sortValue: (h) => h.reclaimableBytes,
        render: (h) => formatBytes(h.reclaimableBytes),
        width: "105px",
      },
      {
        key: "lastPoll",
        header: "Last poll",
        sortValue: (h) => h.lastPollAt,
        render: (h) => (h.lastPollAt ? <span title={formatTime(h.lastPollAt)}>{formatAge(h.lastPollAt)}</span> : "never"),
        width: "95px",
      },
    ],
    [],
  );
  return (
    <section className="panel fleet-table" aria-label="Fleet hosts" onClickCapture={(e) => openRow(e, hosts, router.push)}>
      <DataTable label="hosts" rows={hosts} columns={columns} rowKey={(h) => h.id} initialSort={{ key: "cost", direction: "desc" }} maxHeight={640} />
    </section>
  );
}

/** A click anywhere on a row opens that host (the name cell is a real link for keyboards and new tabs). */
function openRow(event: React.MouseEvent, hosts: FleetHostRow[], push: (href: string) => void) {
  const target = event.target as HTMLElement;
  if (target.closest("a, button, input")) return;
  const link = target.closest("tr")?.querySelector<HTMLAnchorElement>("a[href^='/hosts/']");
  if (link && hosts.some((h) => link.getAttribute("href") === `/hosts/${h.id}`)) push(link.getAttribute("href")!);
}
