import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parse } from "csv-parse/sync";
import { buildCostReport, type CostReportRow } from "@/lib/analysis/costReport";
import { costReportCsv, costReportFilename, toCsv, type CsvColumn } from "@/lib/api/csv";
import { buildSnapshot, sha } from "@/tests/support/snapshotBuilder";

type Row = { name: string; amount: number };
const COLUMNS: CsvColumn<Row>[] = [
  { header: "name", key: "name" },
  { header: "amount", key: "amount" },
];

const readBack = (csv: string) => parse(csv, { columns: true }) as Record<string, string>[];
const neutralised = (text: string) => (/^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(text) ? `'${text}` : text);

describe("toCsv", () => {
  it("reads back as the same rows, whatever the text holds", () => {
    const text = fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.constantFrom('a,"b"', "line\nbreak", "cr\rhere", "\r\n", "=1+2", "-rm", ""));
    const amount = fc.double({ noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(fc.array(fc.record({ name: text, amount }), { maxLength: 8 }), (rows) => {
        const parsed = readBack(toCsv(rows, COLUMNS));
        expect(parsed).toHaveLength(rows.length);
        parsed.forEach((cells, index) => {
          expect(cells.name).toBe(neutralised(rows[index].name));
          expect(Number(cells.amount) === rows[index].amount).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("neutralises text that a spreadsheet would run as a formula, but not negative numbers", () => {
    const rows: Row[] = [
      { name: '=HYPERLINK("http://evil.example","click")', amount: -12.5 },
      { name: "-rm", amount: -1 },
      { name: "+1", amount: 0 },
      { name: "@SUM(A1)", amount: 1e21 },
      { name: "\tx", amount: 3 },
      { name: "team-a", amount: 4 },
    ];
    const parsed = readBack(toCsv(rows, COLUMNS));
    expect(parsed.map((row) => row.name)).toEqual([`'=HYPERLINK("http://evil.example","click")`, "'-rm", "'+1", "'@SUM(A1)", "'\tx", "team-a"]);
    expect(parsed.map((row) => row.amount)).toEqual(["-12.5", "-1", "0", "1e+21", "3", "4"]);
  });

  it("quotes text holding a line break of any kind, so no reader sees an extra record", () => {
    const csv = toCsv(
      [
        { name: "line\nbreak", amount: 1 },
        { name: "cr\rhere", amount: 2 },
      ],
      COLUMNS,
    );
    expect(csv).toBe('name,amount\r\n"line\nbreak",1\r\n"cr\rhere",2\r\n');
  });

  it("writes a header, CRLF line ends, empty cells for null, true/false and ISO times", () => {
    type Odd = { flag: boolean; at: Date; missing: string | null };
    const csv = toCsv<Odd>(
      [{ flag: true, at: new Date("2026-02-01T00:00:00Z"), missing: null }],
      [
        { header: "flag", key: "flag" },
        { header: "at", key: "at" },
        { header: "missing", key: "missing" },
        { header: "computed", value: (row) => (row.flag ? "yes" : "no") },
      ],
    );
    expect(csv).toBe("flag,at,missing,computed\r\ntrue,2026-02-01T00:00:00.000Z,,yes\r\n");
  });
});

describe("costReportCsv", () => {
  it("writes the documented columns in order", () => {
    const row: CostReportRow = {
      period: "2026-02",
      group: '=HYPERLINK("x")',
      averageBytes: 1234.6,
      peakBytes: 2000,
      gbMonths: 0.0000011,
      cost: 4.4e-8,
      currency: "USD",
    };
    expect(costReportCsv([row]).split("\r\n")).toEqual([
      "period,group,average_bytes,peak_bytes,gb_months,cost,currency",
      `2026-02,"'=HYPERLINK(""x"")",1235,2000,0.0000011,4.4e-8,USD`,
      "",
    ]);
  });

  it("has rows that add up to the month's total cost when grouped by a label", () => {
    // Team x and team y share a base image; one volume has no owner; build cache is unattributed.
    const snapshot = (takenAt: string, base: number) =>
      buildSnapshot({
        takenAt,
        images: [
          {
            name: "a",
            layers: [
              { diff: "base", size: base },
              { diff: "a", size: 3e9 },
            ],
          },
          {
            name: "b",
            layers: [
              { diff: "base", size: base },
              { diff: "b", size: 1e9 },
            ],
          },
        ],
        containers: [
          { imageId: sha("image:a"), labels: { team: "x" }, writableBytes: 2e8 },
          { imageId: sha("image:b"), labels: { team: "=cmd|' /C calc'!A0" }, writableBytes: 1e8 },
        ],
        volumes: [{ name: "orphan", sizeBytes: 7e9 }],
        buildCache: [{ sizeBytes: 5e8 }],
      });
    const hosts = [
      { hostId: "1", hostName: "alpha", pricePerGbMonth: 0.1, snapshots: [snapshot("2026-01-20T00:00:00Z", 2e9), snapshot("2026-02-11T13:00:00Z", 4e9)] },
      { hostId: "2", hostName: "beta", snapshots: [snapshot("2026-02-03T08:30:00-03:00", 1e9)] },
    ];
    const from = new Date("2026-02-01T00:00:00Z");
    const to = new Date("2026-03-01T00:00:00Z");
    const report = buildCostReport({ hosts, from, to, groupBy: { label: "team" } });
    const parsed = readBack(costReportCsv(report.rows));
    expect(parsed.map((row) => row.group)).toEqual(["'=cmd|' /C calc'!A0", "x", "unattributed"]);
    expect(new Set(parsed.map((row) => row.period))).toEqual(new Set(["2026-02"]));
    const sum = parsed.reduce((total, row) => total + Number(row.cost), 0);
    expect(sum).toBe(report.total.cost);
    expect(sum.toFixed(2)).toBe(report.total.cost.toFixed(2));
  });
});

describe("costReportFilename", () => {
  it("makes a safe download name from the period", () => {
    expect(costReportFilename("2026-02")).toBe("ballast-cost-2026-02.csv");
    expect(costReportFilename("2026-02-03/2026-02-10")).toBe("ballast-cost-2026-02-03_2026-02-10.csv");
    expect(costReportFilename("2026-02-01T03:00:00.000Z/2026-03-01T03:00:00.000Z")).toBe("ballast-cost-2026-02-01T030000.000Z_2026-03-01T030000.000Z.csv");
  });
});
