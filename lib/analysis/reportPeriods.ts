// Periods a person picks on the reports page, as the API's ISO dates (from inclusive, to exclusive,
// both 00:00 UTC). The current month comes in as an argument: no clock is read here.

export type DateRange = { from: string; to: string };

const MONTH = /^(\d{4})-(\d{2})$/;

/** "2026-02" → { from: "2026-02-01", to: "2026-03-01" }; null for anything else. */
export function monthRange(month: string): DateRange | null {
  const match = MONTH.exec(month);
  if (!match) return null;
  const year = Number(match[1]);
  const index = Number(match[2]) - 1;
  if (index < 0 || index > 11) return null;
  const day = (y: number, m: number) => new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
  return { from: day(year, index), to: day(year, index + 1) };
}

/** The UTC month ("YYYY-MM") a moment falls in. */
export function monthOf(at: Date): string {
  return at.toISOString().slice(0, 7);
}

/** The `days` whole UTC days up to and including the day of `at`. */
export function lastDays(at: Date, days: number): DateRange {
  const end = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + 1);
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: iso(end - days * 86_400_000), to: iso(end) };
}

/** Whether a custom range is usable: two ISO dates, from before to. */
export function isValidRange(range: DateRange): boolean {
  const from = Date.parse(range.from);
  const to = Date.parse(range.to);
  return Number.isFinite(from) && Number.isFinite(to) && from < to;
}
