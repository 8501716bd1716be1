"use client";
import { useState } from "react";
import { monthRange, type DateRange } from "@/lib/analysis/reportPeriods";
import { costReportUrl, useCostReportQuery } from "@/lib/queries/useCostReportQuery";
import { QueryState } from "@/components/ui/QueryState";
import { CostReportTable } from "./CostReportTable";
import { GroupByPicker } from "./GroupByPicker";
import { HostPrices } from "./HostPrices";
import { PeriodPicker } from "./PeriodPicker";
import { TrendsSection } from "./TrendsSection";
import styles from "./reports.module.css";

const groupLabel = (groupBy: string) =>
  groupBy.startsWith("label:") ? `Label ${groupBy.slice(6)}` : groupBy === "project" ? "Compose project" : groupBy[0].toUpperCase() + groupBy.slice(1);

/** The reports page: pick a period and a grouping, read the costs, download the same rows as CSV. */
export function ReportsView({ initialMonth }: { initialMonth: string }) {
  const [range, setRange] = useState<DateRange>(() => monthRange(initialMonth)!);
  const [groupBy, setGroupBy] = useState("host");
  const query = { ...range, groupBy };
  const report = useCostReportQuery(query);
  const data = report.data?.report;
  return (
    <>
      <h1>Cost reports</h1>
      <p className="meta">
        Sizes in GB = 10^9 bytes, costs in USD; a month is 730 hours. Shared image layers are split evenly among the images using them; bytes nobody owns show
        as <code>unattributed</code>.
      </p>
      <section className="panel" aria-label="Cost report">
        <div className={styles.head}>
          <PeriodPicker initialMonth={initialMonth} onChange={setRange} />
          <GroupByPicker onChange={setGroupBy} />
          <span className={styles.spacer} />
          <a className={styles.download} href={costReportUrl(query, "csv")} download aria-disabled={!data}>
            Download CSV
          </a>
        </div>
        <QueryState
          isLoading={report.isLoading && !data}
          error={report.error}
          data={report.data}
          isEmpty={data?.rows.length === 0}
          empty={<p className="meta">No good snapshot of any host in or before this period: nothing to charge.</p>}
        >
          {data && (
            <>
              <CostReportTable rows={data.rows} total={data.total} groupLabel={groupLabel(data.groupBy)} />
              <p className="meta">
                Period {data.period} ({data.hours} hours). Each snapshot&apos;s bytes count until the host&apos;s next snapshot; the newest counts to the end of
                the period, so a month in progress is projected.
              </p>
            </>
          )}
        </QueryState>
      </section>
      {data && (
        <section className="panel" aria-label="Prices">
          <h2>Prices</h2>
          <HostPrices hosts={data.hosts} />
          <p className="meta">
            Default $0.04 per GB-month: OpenCost&apos;s default storage price (GCP us-central1 list). Per-category prices come from{" "}
            <code>BALLAST_CATEGORY_PRICES</code>.
          </p>
        </section>
      )}
      <TrendsSection range={range} hosts={data?.hosts ?? []} />
    </>
  );
}
