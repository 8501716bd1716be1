"use client";
import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { sortAndFilterRows, visibleRows, type SortState, type SortValue } from "./tableRows";
import "./DataTable.css";

// One table for every list in the explorer: click a header to sort, type to filter, and only the rows
// in view are in the DOM (fixed row height, spacer rows above and below), so 1,250 images scroll smoothly.

export type Column<T> = {
  key: string;
  header: string;
  sortValue: (row: T) => SortValue;
  /** Text the filter box matches; defaults to the sort value. */
  filterText?: (row: T) => string;
  render?: (row: T) => ReactNode;
  numeric?: boolean;
  width?: string;
};

type Props<T> = {
  label: string;
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey: (row: T) => string;
  initialSort?: SortState;
  rowHeight?: number;
  maxHeight?: number;
  empty?: ReactNode;
};

function SortHeader<T>({ column, sort, onSort }: { column: Column<T>; sort: SortState | null; onSort: (key: string) => void }) {
  const active = sort?.key === column.key;
  const aria = active ? (sort.direction === "asc" ? "ascending" : "descending") : "none";
  return (
    <th className={column.numeric ? "num" : undefined} style={{ width: column.width }} aria-sort={aria}>
      <button type="button" className="sort-button" onClick={() => onSort(column.key)}>
        {column.header}
        <span aria-hidden="true">{active ? (sort.direction === "asc" ? " ▲" : " ▼") : ""}</span>
      </button>
    </th>
  );
}

export function DataTable<T>({ label, rows, columns, rowKey, initialSort, rowHeight = 34, maxHeight = 480, empty }: Props<T>) {
  const [sort, setSort] = useState<SortState | null>(initialSort ?? null);
  const [filter, setFilter] = useState("");
  const [scrollTop, setScrollTop] = useState(0);
  const shown = useMemo(() => sortAndFilterRows(rows, columns, sort, filter), [rows, columns, sort, filter]);
  const scroller = useRef<HTMLDivElement>(null);
  // A new filter or order starts at the top, as a person expects after typing.
  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
    setScrollTop(0);
  }, [sort, filter]);
  const window = visibleRows(scrollTop, maxHeight, rowHeight, shown.length);
  const onSort = (key: string) => {
    const numeric = columns.find((column) => column.key === key)?.numeric;
    setSort((current) =>
      current?.key === key ? { key, direction: current.direction === "asc" ? "desc" : "asc" } : { key, direction: numeric ? "desc" : "asc" },
    );
  };
  return (
    <div className="data-table">
      <div className="table-tools">
        <input type="search" aria-label={`Filter ${label}`} placeholder="Filter…" value={filter} onChange={(event) => setFilter(event.target.value)} />
        <span className="meta">{shown.length === rows.length ? `${rows.length} rows` : `${shown.length} of ${rows.length} rows`}</span>
      </div>
      <div ref={scroller} className="table-scroll" style={{ maxHeight }} onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}>
        <table aria-label={label} aria-rowcount={shown.length + 1} style={{ tableLayout: "fixed" }}>
          <thead>
            <tr>
              {columns.map((column) => (
                <SortHeader key={column.key} column={column} sort={sort} onSort={onSort} />
              ))}
            </tr>
          </thead>
          <tbody>
            {window.padTop > 0 && <tr aria-hidden="true" style={{ height: window.padTop }} />}
            {shown.slice(window.start, window.end).map((row, offset) => (
              <tr key={rowKey(row)} style={{ height: rowHeight }} aria-rowindex={window.start + offset + 2}>
                {columns.map((column) => (
                  <td key={column.key} className={column.numeric ? "num" : undefined}>
                    {column.render ? column.render(row) : String(column.sortValue(row) ?? "—")}
                  </td>
                ))}
              </tr>
            ))}
            {window.padBottom > 0 && <tr aria-hidden="true" style={{ height: window.padBottom }} />}
          </tbody>
        </table>
        {shown.length === 0 && <div className="meta table-empty">{rows.length === 0 ? (empty ?? "Nothing here.") : "No row matches the filter."}</div>}
      </div>
    </div>
  );
}
