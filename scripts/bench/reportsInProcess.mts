// Cost report + CSV over the SYNTHETIC 20-host month, built in this process through the store (the
// entry point the routes and a worker call, lib/api/costReportRequest.ts): p50 / p95 per group-by and
// the heap peak, apart from the server's load (the server section measures the same through HTTP).
// Also after a retention slice on every host (the case that once made every report repack the month).
import { performance } from "node:perf_hooks";
import { mb, ms, quantile, row } from "./benchTable.mts";

export async function reportsInProcess(fleet: { hosts: number; from: Date; to: Date }, runs = 7): Promise<void> {
  const { costReportFor } = await import("../../lib/api/costReportRequest");
  const { costReportCsv } = await import("../../lib/api/csv");
  const label = `SYNTHETIC ${fleet.hosts} hosts × 30 days, in process`;
  let heapPeak = 0;
  const sampler = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 5);
  const reportAndCsv = async (groupBy: string) => {
    const query = { from: fleet.from, to: fleet.to, groupBy: groupBy as "host" };
    // The JSON and the CSV route answer the same query at once (as the bench's server rows ask them).
    const [, csv] = await Promise.all([costReportFor(query), costReportFor(query).then(({ report }) => costReportCsv(report.rows))]);
    return csv;
  };
  const timed = async (name: string, groupBys: string[], target?: number) => {
    for (const groupBy of groupBys) {
      const times: number[] = [];
      for (let i = 0; i < runs; i += 1) {
        const start = performance.now();
        await reportAndCsv(groupBy);
        times.push(performance.now() - start);
      }
      const p95 = quantile(times, 0.95);
      row({
        section: "reports",
        label: `cost report + CSV, ${name}, groupBy=${groupBy}: p50 / p95 (${runs} runs)`,
        value: `${ms(quantile(times, 0.5))} / ${ms(p95)}`,
        numbers: { p50Ms: quantile(times, 0.5), p95Ms: p95 },
        ...(target ? { target: `p95 < ${target} ms`, met: p95 < target } : {}),
      });
    }
  };
  try {
    await timed(label, ["host", "image", "project"], 1000);
    row({
      section: "reports",
      label: `heap, peak while the ${label} reports ran`,
      value: mb(heapPeak),
      numbers: { heapPeakBytes: heapPeak },
      target: "< 300 MB",
      met: heapPeak < 300e6,
    });
    await retentionSliceOnEveryHost(fleet);
    await timed(`${label}, after a retention slice on every host`, ["image"], 1000);
  } finally {
    clearInterval(sampler);
  }
}

/** Carries one mid-month snapshot's aggregate rows forward on every host and deletes it, as a retention slice does. */
async function retentionSliceOnEveryHost(fleet: { from: Date; to: Date }): Promise<void> {
  const { db } = await import("../../lib/store/db");
  const { carryAggregatesForward } = await import("../../lib/store/snapshotAggregates");
  const middle = new Date((fleet.from.getTime() + fleet.to.getTime()) / 2);
  for (const { id: hostId } of await db().host.findMany({ select: { id: true } })) {
    const doomed = await db().snapshot.findFirst({
      where: { hostId, status: "ok", takenAt: { gte: middle }, aggregates: { some: {} } },
      orderBy: { takenAt: "asc" },
      select: { id: true },
    });
    if (!doomed) continue;
    // Only the aggregate rows matter to reports: the snapshot row stays (other snapshots read its parts),
    // its rows now held by the next one, as after retention.
    await db().$transaction((tx) => carryAggregatesForward(tx, hostId, [doomed.id]));
  }
}
