import type { CostReportRow } from "@/lib/api/reportTypes";
import { formatBytes, formatExactBytes, formatMoney } from "@/components/format";
import styles from "./reports.module.css";

/** Report costs are often fractions of a cent on small hosts: show two significant digits there. */
function reportMoney(amount: number, currency: string): string {
  if (amount === 0 || Math.abs(amount) >= 0.01) return formatMoney(amount, currency);
  return new Intl.NumberFormat("en-US", { style: "currency", currency, maximumSignificantDigits: 2 }).format(amount);
}

function Row({ row, total = false }: { row: CostReportRow; total?: boolean }) {
  return (
    <tr className={total ? styles.total : undefined} data-group={total ? undefined : row.group}>
      <td className={styles.group}>{total ? "Total" : row.group}</td>
      <td className="num" title={formatExactBytes(Math.round(row.averageBytes))}>
        {formatBytes(Math.round(row.averageBytes))}
      </td>
      <td className="num" title={formatExactBytes(row.peakBytes)}>
        {formatBytes(row.peakBytes)}
      </td>
      <td className="num">{row.gbMonths.toFixed(4)}</td>
      {/* data-cost: full precision, the number the CSV's cost column adds up to */}
      <td className="num" data-cost={row.cost} title={`${row.cost} ${row.currency}`}>
        {reportMoney(row.cost, row.currency)}
      </td>
    </tr>
  );
}

/** Pure view: one row per group and the total row, which equals the sum of the CSV's rows. */
export function CostReportTable({ rows, total, groupLabel }: { rows: CostReportRow[]; total: CostReportRow; groupLabel: string }) {
  return (
    <table aria-label="Cost per group">
      <thead>
        <tr>
          <th>{groupLabel}</th>
          <th className="num">Average size</th>
          <th className="num">Peak size</th>
          <th className="num">GB-months</th>
          <th className="num">Cost</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <Row key={row.group} row={row} />
        ))}
      </tbody>
      <tfoot>
        <Row row={total} total />
      </tfoot>
    </table>
  );
}
