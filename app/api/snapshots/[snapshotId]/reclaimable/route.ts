import { snapshotExplorerView } from "@/lib/api/explorerRoute";
import { monthlyCost } from "@/lib/analysis/cost";
import { reclaimableImages } from "@/lib/analysis/reclaimable";

export const dynamic = "force-dynamic";

// Pure of the snapshot and the price: one answer per key, shared (issue 14; the host page's overview asks for it).
export const GET = snapshotExplorerView(
  (snapshot, { pricePerGbMonth }) => {
    const report = reclaimableImages(snapshot);
    return {
      reclaimable: {
        ...report,
        monthlyCost: {
          trueReclaimable: monthlyCost(report.trueReclaimableBytes, pricePerGbMonth),
          dockerReclaimable: monthlyCost(report.dockerReclaimableBytes, pricePerGbMonth),
        },
      },
    };
  },
  { cacheAs: "reclaimable" },
);
