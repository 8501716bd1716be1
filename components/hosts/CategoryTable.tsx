import { categoryRows } from "@/lib/analysis/categoryRows";
import type { SnapshotBody } from "@/lib/api/types";
import { formatBytes, formatExactBytes, formatMoney, formatTime } from "@/components/format";

type Props = { totals: NonNullable<SnapshotBody["totals"]>; pricePerGbMonth: number; takenAt: string; asOf: SnapshotBody["asOf"] };

/** Bytes per category, each with when the engine was last asked for it (parts not changed are carried, issue 14). */
export function CategoryTable({ totals, pricePerGbMonth, takenAt, asOf }: Props) {
  const rows = categoryRows(totals, pricePerGbMonth);
  const readAt = (key: string) => (asOf && key in asOf ? asOf[key as keyof typeof asOf] : takenAt);
  const total = rows.reduce((sum, row) => sum + (row.bytes ?? 0), 0);
  return (
    <table aria-label="Bytes per category">
      <thead>
        <tr>
          <th>Category</th>
          <th className="num">Size</th>
          <th className="num">$/month</th>
          <th title="When these figures were read from the engine: unchanged parts are read again less often">As of</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} data-category={row.key} title={row.note}>
            <td>{row.label}</td>
            <td className="num" title={formatExactBytes(row.bytes)} data-bytes={row.bytes ?? ""}>
              {row.bytes === null ? "not measured" : formatBytes(row.bytes)}
            </td>
            <td className="num">{formatMoney(row.monthlyCost)}</td>
            <td data-as-of={readAt(row.key)}>{formatTime(readAt(row.key))}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr data-category="total">
          <th>Total</th>
          <th className="num" title={formatExactBytes(total)} data-bytes={total}>
            {formatBytes(total)}
          </th>
          <th className="num">{formatMoney(rows.reduce((sum, row) => sum + (row.monthlyCost ?? 0), 0))}</th>
          <th />
        </tr>
      </tfoot>
    </table>
  );
}
