import type { TrendResponse } from "@/lib/api/reportTypes";
import { CategoryAreaChart } from "@/components/charts/CategoryAreaChart";
import { formatBytes } from "@/components/format";
import { fillShort } from "@/components/hosts/fillText";
import { chartSteps, fleetGrowthNote, hostGrowthNote, rateText } from "@/components/hosts/growthText";
import { StepList } from "@/components/hosts/StepList";
import styles from "@/components/reports/reports.module.css";

/** Steps closer than this share of the chart's width share one label. */
const LABEL_GAP = 0.06;

/**
 * One trend (fleet or host) as Reports and the host page show it: growth by the one rule with what it
 * was measured over, the latest total, the data root's fill date, the steps (never growth) and the chart.
 */
export function TrendSummary({ trend, scopeName, windowWords }: { trend: TrendResponse["trend"]; scopeName: string; windowWords: string }) {
  // The series' last point may be the newest poll held until now: its values are still that poll's.
  const latest = trend.series.at(-1);
  const note = trend.scope === "fleet" ? fleetGrowthNote(trend.growth, trend.hostsInWindow, windowWords) : hostGrowthNote(trend.growth);
  const domain: [number, number] = [Date.parse(trend.from), Date.parse(trend.to)];
  const steps = chartSteps(trend.steps, (domain[1] - domain[0]) * LABEL_GAP);
  return (
    <>
      <div className={styles.stats}>
        <div className={styles.stat}>
          <span className="meta">Growth over the {windowWords}</span>
          <strong data-testid="growth">{rateText(trend.growthBytesPerDay)}</strong>
          <span className="meta" data-testid="growth-note">
            {note}
          </span>
        </div>
        {latest && (
          <div className={styles.stat}>
            <span className="meta">Total, latest</span>
            <strong data-testid="latest-total">{formatBytes(latest.totalBytes)}</strong>
          </div>
        )}
        <div className={styles.stat}>
          <span className="meta">Data root full on</span>
          <strong data-testid="fill-date">{trend.fill ? fillShort(trend.fill) : "disk size unknown — needs the host agent"}</strong>
        </div>
      </div>
      <StepList steps={trend.steps} />
      <CategoryAreaChart data={trend.series} domain={domain} label={`Bytes per category over time for ${scopeName}`} steps={steps} />
    </>
  );
}
