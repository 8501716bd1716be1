import { stringify } from "csv-stringify/sync";
import type { CostReportRow } from "@/lib/analysis/costReport";

// CSV goes out through csv-stringify, never hand-rolled quoting. RFC 4180: comma, CRLF, a header row,
// fields quoted only where they must be. Formula injection (OWASP "CSV Injection"): a text cell that
// begins with = + - @ tab or carriage return (or their full-width forms) gets a leading ' so a
// spreadsheet shows it as text; numbers are written as numbers, so -12.5 stays -12.5.

export type CsvCell = string | number | boolean | Date | null | undefined;

/** A column: its header and either the row's key or a function that picks the cell. */
export type CsvColumn<T> = { header: string } & ({ key: keyof T & string } | { value: (row: T) => CsvCell });

function cellOf<T>(row: T, column: CsvColumn<T>): CsvCell {
  return "key" in column ? (row[column.key] as CsvCell) : column.value(row);
}

/** Rows as CSV text, one line per row after the header line, in the columns' order. */
export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  const records = rows.map((row) => columns.map((column) => cellOf(row, column)));
  return stringify([columns.map((column) => column.header), ...records], {
    record_delimiter: "windows",
    // Quote fields holding a lone \n or \r too: with a CRLF delimiter csv-stringify would not, and
    // a reader such as Python's csv module would then see an unquoted \n as the end of a record.
    quote_record_delimiter: true,
    // csv-stringify's own neutralisation: prefixes ' to text starting with = + - @ \t \r, never to numbers.
    escape_formulas: true,
    cast: {
      boolean: (value) => (value ? "true" : "false"),
      date: (value) => value.toISOString(),
      number: (value) => (Number.isFinite(value) ? String(value) : ""),
    },
  });
}

/**
 * Columns of `GET /api/reports/cost.csv`, in this order (GB = 10^9 bytes; month = 730 hours):
 * - `period`: the report's period: `YYYY-MM` for a calendar month in UTC, else `from/to` as ISO 8601
 *   dates or times (from inclusive, to exclusive).
 * - `group`: the host, image, repository, container (`host/name`), volume (`host/name`), compose project
 *   or label value the row is about; `unattributed` for bytes nobody owns (e.g. build cache, volumes no
 *   container mounts, images no labelled container uses). Text beginning with = + - @ is prefixed with '.
 * - `average_bytes`: bytes the group held on average over the whole period, time-weighted, rounded to
 *   the byte; each snapshot's bytes count until the host's next snapshot, time before a host's first
 *   snapshot counts 0. Shared image layers are split evenly among the images using them (fair share).
 * - `peak_bytes`: the most bytes the group held at any one time in the period, over all hosts together.
 * - `gb_months`: average_bytes / 10^9 × hours in period / 730 (full precision).
 * - `cost`: GB-months × the price per GB-month of each host (and category, where set); full precision,
 *   so the rows add up to the report's total cost. Default price: $0.04/GB-month (OpenCost's default).
 * - `currency`: ISO 4217 code of `cost` (USD).
 * Every byte is counted once: the rows of one report add up to the fleet's total for the period.
 */
export const COST_REPORT_COLUMNS: readonly CsvColumn<CostReportRow>[] = [
  { header: "period", key: "period" },
  { header: "group", key: "group" },
  { header: "average_bytes", value: (row) => Math.round(row.averageBytes) },
  { header: "peak_bytes", key: "peakBytes" },
  { header: "gb_months", key: "gbMonths" },
  { header: "cost", key: "cost" },
  { header: "currency", key: "currency" },
];

/** The cost report as CSV: the group rows only (no total row, so a spreadsheet's SUM is the total). */
export function costReportCsv(rows: readonly CostReportRow[]): string {
  return toCsv(rows, COST_REPORT_COLUMNS);
}

/** A download name for a report period: `ballast-cost-2026-02.csv`, `ballast-cost-2026-02-03_2026-02-10.csv`. */
export function costReportFilename(period: string): string {
  return `ballast-cost-${period.replace(/\//g, "_").replace(/[^0-9A-Za-z._-]/g, "")}.csv`;
}
