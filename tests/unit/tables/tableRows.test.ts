import { describe, expect, it } from "vitest";
import { sortAndFilterRows, visibleRows, type RowAccess } from "@/components/tables/tableRows";

type Row = { name: string; size: number | null };
const rows: Row[] = [
  { name: "app-a", size: 30 },
  { name: "base", size: null },
  { name: "app-b", size: 10 },
  { name: "churn", size: 30 },
];
const columns: RowAccess<Row>[] = [
  { key: "name", sortValue: (row) => row.name },
  { key: "size", sortValue: (row) => row.size },
];

describe("sortAndFilterRows", () => {
  it("sorts numbers descending with ties in input order and unknown sizes last", () => {
    expect(sortAndFilterRows(rows, columns, { key: "size", direction: "desc" }, "").map((row) => row.name)).toEqual(["app-a", "churn", "app-b", "base"]);
    expect(sortAndFilterRows(rows, columns, { key: "size", direction: "asc" }, "").map((row) => row.name)).toEqual(["app-b", "app-a", "churn", "base"]);
  });

  it("keeps rows containing every word of the filter, case-insensitively", () => {
    expect(sortAndFilterRows(rows, columns, null, "APP 30").map((row) => row.name)).toEqual(["app-a"]);
    expect(sortAndFilterRows(rows, columns, null, "  ")).toHaveLength(4);
  });
});

describe("visibleRows", () => {
  it("renders only the rows in view plus overscan, with spacers for the rest", () => {
    const window = visibleRows(3400, 480, 34, 1250, 8);
    expect(window).toEqual({ start: 92, end: 123, padTop: 92 * 34, padBottom: (1250 - 123) * 34 });
  });

  it("still shows the last rows when a filter shrinks a table scrolled far down", () => {
    const window = visibleRows(40_000, 480, 34, 10, 8);
    expect(window.end).toBe(10);
    expect(window.start).toBe(0);
  });

  it("stays within the rows at the ends", () => {
    expect(visibleRows(0, 480, 34, 5)).toEqual({ start: 0, end: 5, padTop: 0, padBottom: 0 });
    expect(visibleRows(-10, 480, 34, 0)).toEqual({ start: 0, end: 0, padTop: 0, padBottom: 0 });
  });
});
