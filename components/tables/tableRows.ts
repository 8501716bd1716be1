// Sorting, filtering and windowing for DataTable, kept pure so they are tested without a browser.

export type SortDirection = "asc" | "desc";
export type SortValue = string | number | boolean | null;

export type SortState = { key: string; direction: SortDirection };

export type RowAccess<T> = { key: string; sortValue: (row: T) => SortValue; filterText?: (row: T) => string };

function compareValues(a: SortValue, b: SortValue): number {
  // Missing values sort last in either direction: an unknown size is not "smallest".
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b));
}

/** Rows whose filter text contains every word of `filter` (case-insensitive), sorted stably. */
export function sortAndFilterRows<T>(rows: readonly T[], columns: readonly RowAccess<T>[], sort: SortState | null, filter: string): T[] {
  const words = filter.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const textOf = (row: T) =>
    columns
      .map((column) => (column.filterText ? column.filterText(row) : String(column.sortValue(row) ?? "")))
      .join(" ")
      .toLowerCase();
  const kept =
    words.length === 0
      ? [...rows]
      : rows.filter((row) => {
          const text = textOf(row);
          return words.every((word) => text.includes(word));
        });
  const column = sort ? columns.find((candidate) => candidate.key === sort.key) : undefined;
  if (!column || !sort) return kept;
  const sign = sort.direction === "asc" ? 1 : -1;
  const indexed = kept.map((row, index) => ({ row, index, value: column.sortValue(row) }));
  indexed.sort((a, b) => {
    const nulls = a.value === null || b.value === null;
    const order = compareValues(a.value, b.value);
    return (nulls ? order : sign * order) || a.index - b.index;
  });
  return indexed.map((entry) => entry.row);
}

export type RowWindow = { start: number; end: number; padTop: number; padBottom: number };

/** Which rows to render for a scroll position: the visible ones plus `overscan` either side. */
export function visibleRows(scrollTop: number, viewportHeight: number, rowHeight: number, rowCount: number, overscan = 8): RowWindow {
  // A filter can shrink the rows under a table scrolled far down: clamp so the last rows still show.
  const visibleCount = Math.ceil(viewportHeight / rowHeight);
  const first = Math.min(Math.floor(Math.max(0, scrollTop) / rowHeight), Math.max(0, rowCount - visibleCount));
  const start = Math.max(0, first - overscan);
  const end = Math.min(rowCount, first + visibleCount + overscan);
  return { start, end: Math.max(start, end), padTop: start * rowHeight, padBottom: Math.max(0, rowCount - Math.max(start, end)) * rowHeight };
}
