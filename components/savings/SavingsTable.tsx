"use client";
import { Fragment, useState } from "react";
import { formatBytes, formatExactBytes, formatMoney } from "@/components/format";
import type { SuggestionBody } from "@/lib/api/actionsSchema";
import { sortSavingsRows, type SavingsRow, type SavingsSortKey } from "@/lib/analysis/savingsRows";
import { StrategyDetail } from "./StrategyDetail";
import styles from "./savings.module.css";

type Props = { rows: SavingsRow[]; hosts: { id: string; name: string }[]; canApprove: boolean; onApprove: (s: SuggestionBody) => void };

function SortHeader({
  label,
  sortKey,
  sort,
  onSort,
  numeric,
}: {
  label: string;
  sortKey: SavingsSortKey;
  sort: { key: SavingsSortKey; desc: boolean };
  onSort: (k: SavingsSortKey) => void;
  numeric?: boolean;
}) {
  const active = sort.key === sortKey;
  return (
    <th className={numeric ? "num" : undefined} aria-sort={active ? (sort.desc ? "descending" : "ascending") : "none"}>
      <button type="button" className={styles.sortButton} onClick={() => onSort(sortKey)}>
        {label} {active ? (sort.desc ? "▼" : "▲") : ""}
      </button>
    </th>
  );
}

/**
 * One row per strategy: on how many hosts, the fleet's bytes and $/month; expand for its hosts as rows
 * (each with its bytes, reason, targets and Approve). Hosts are never columns: the table reads at 50 hosts.
 */
export function SavingsTable({ rows, hosts, canApprove, onApprove }: Props) {
  const [sort, setSort] = useState<{ key: SavingsSortKey; desc: boolean }>({ key: "bytes", desc: true });
  const [open, setOpen] = useState<Set<string>>(new Set());
  const onSort = (key: SavingsSortKey) => setSort((s) => ({ key, desc: s.key === key ? !s.desc : key === "bytes" || key === "cost" }));
  const toggle = (strategy: string) => setOpen((set) => new Set(set.has(strategy) ? [...set].filter((s) => s !== strategy) : [...set, strategy]));
  const hostName = (id: string) => hosts.find((h) => h.id === id)?.name ?? id;
  return (
    <table aria-label="Savings by strategy">
      <thead>
        <tr>
          <th aria-label="Expand" />
          <SortHeader label="Strategy" sortKey="strategy" sort={sort} onSort={onSort} />
          <SortHeader label="Risk" sortKey="risk" sort={sort} onSort={onSort} />
          <th>Action</th>
          <th className="num">Hosts</th>
          <SortHeader label="Fleet bytes" sortKey="bytes" sort={sort} onSort={onSort} numeric />
          <SortHeader label="Fleet $/month" sortKey="cost" sort={sort} onSort={onSort} numeric />
        </tr>
      </thead>
      <tbody>
        {sortSavingsRows(rows, sort.key, sort.desc).map((row) => (
          <Fragment key={row.strategy}>
            <tr data-strategy={row.strategy}>
              <td>
                <button
                  type="button"
                  className={styles.expand}
                  aria-expanded={open.has(row.strategy)}
                  aria-label={`Targets of ${row.title}`}
                  onClick={() => toggle(row.strategy)}
                >
                  {open.has(row.strategy) ? "−" : "+"}
                </button>
              </td>
              <td>{row.title}</td>
              <td>{row.risk}</td>
              <td>{row.actionable ? "Ballast runs it" : "Advice"}</td>
              <td className="num" title={Object.keys(row.byHost).map(hostName).join(", ")}>
                {Object.keys(row.byHost).length}
              </td>
              <td className="num" data-bytes={row.fleetBytes} title={formatExactBytes(row.fleetBytes)}>
                {formatBytes(row.fleetBytes)}
              </td>
              <td className="num">{formatMoney(row.fleetMonthlyCost)}</td>
            </tr>
            {open.has(row.strategy) && (
              <tr>
                <td colSpan={7} className={styles.detailCell}>
                  <StrategyDetail row={row} hostName={hostName} canApprove={canApprove} onApprove={onApprove} />
                </td>
              </tr>
            )}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}
