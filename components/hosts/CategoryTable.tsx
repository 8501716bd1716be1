import { categoryRows } from "@/lib/analysis/categoryRows";
import type { SnapshotBody } from "@/lib/api/types";
import { formatBytes, formatExactBytes, formatMoney } from "@/components/format";

export function CategoryTable({ totals, pricePerGbMonth }: { totals: NonNullable<SnapshotBody["totals"]>; pricePerGbMonth: number }) {
  const rows = categoryRows(totals, pricePerGbMonth);
  const total = rows.reduce((sum, row) => sum + (row.bytes ?? 0), 0);
  return (
    <table aria-label="Bytes per category">
      <thead>
        <tr>
          <th>Category</th>
          <th className="num">Size</th>
          <th className="num">$/month</th>
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
        </tr>
      </tfoot>
    </table>
  );
}
