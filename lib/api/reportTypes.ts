// Response types of the report and trend routes, for the browser side (type-only).
import type { FillForecast } from "@/lib/analysis/fillForecast";
import type { CostReport } from "@/lib/analysis/costReport";
import type { CategoryPrices } from "@/lib/analysis/cost";
import type { Trend } from "@/lib/analysis/trendWindow";

export type { CostReportRow } from "@/lib/analysis/costReport";
export type { SeriesPoint } from "@/lib/analysis/trends";

export type CostReportResponse = {
  report: CostReport & {
    from: string;
    to: string;
    groupBy: string;
    units: { bytesPerGb: number; hoursPerMonth: number; currency: string };
    hosts: {
      hostId: string;
      hostName: string;
      pricePerGbMonth: number | null;
      categoryPrices: CategoryPrices;
      snapshotsInRange: number;
      snapshotsUsed: number;
    }[];
    /** null: every snapshot is used (reports read stored aggregates); a number in older versions. */
    maxSnapshotsPerHost: number | null;
  };
};

export type HostFill = { hostId: string; hostName: string; forecasts: FillForecast[] };

export type TrendResponse = { trend: Trend & { scope: "fleet" | "host"; hostId: string | null; from: string; to: string }; fills: HostFill[] };

/** The report's query: from/to as ISO dates or times, groupBy as the API spells it. */
export type ReportQuery = { from: string; to: string; groupBy: string };
