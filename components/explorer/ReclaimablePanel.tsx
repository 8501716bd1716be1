"use client";
import { QueryState } from "@/components/ui/QueryState";
import { formatBytes, formatExactBytes, formatMoney } from "@/components/format";
import { useReclaimableQuery } from "@/lib/queries/useReclaimableQuery";

/** Ballast's true reclaimable image bytes beside Docker's own figure, and why they differ. */
export function ReclaimablePanel({ snapshotId }: { snapshotId: string }) {
  const query = useReclaimableQuery(snapshotId);
  const report = query.data?.reclaimable;
  return (
    <section aria-label="Reclaimable image bytes">
      <h3>What removing unused images would free</h3>
      <QueryState isLoading={query.isLoading} error={query.error} data={query.data}>
        {report && (
          <>
            <div className="figures">
              <div className="figure" data-testid="true-reclaimable" data-bytes={report.trueReclaimableBytes}>
                <div className="meta">True reclaimable (Ballast)</div>
                <div className="value" title={formatExactBytes(report.trueReclaimableBytes)}>
                  {formatBytes(report.trueReclaimableBytes)}
                </div>
                <div className="meta">
                  {formatMoney(report.monthlyCost.trueReclaimable)}/month · {report.unusedImageIds.length} unused images
                </div>
              </div>
              <div className="figure" data-testid="docker-reclaimable" data-bytes={report.dockerReclaimableBytes}>
                <div className="meta">Docker&apos;s “reclaimable” (docker system df)</div>
                <div className="value" title={formatExactBytes(report.dockerReclaimableBytes)}>
                  {formatBytes(report.dockerReclaimableBytes)}
                </div>
                <div className="meta">{formatMoney(report.monthlyCost.dockerReclaimable)}/month</div>
              </div>
            </div>
            <p data-testid="reclaimable-explanation">{report.explanation}</p>
            <p className="meta">
              True reclaimable counts a layer only when no image a container uses, and no protected image ({report.keptImageIds.length} kept), has it.
            </p>
          </>
        )}
      </QueryState>
    </section>
  );
}
