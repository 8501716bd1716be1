import { z } from "zod";
import { snapshotExplorerView } from "@/lib/api/explorerRoute";
import { sharingBars, sharingSortKeySchema, sortDirectionSchema } from "@/lib/analysis/sharingBars";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  sortBy: sharingSortKeySchema.default("size"),
  direction: sortDirectionSchema.optional(),
  topN: z.coerce.number().int().min(1).max(200).default(20),
});

// Shared vs unique bytes for every image: the top N by the chosen key, then one "others" row.
// Pure of the snapshot and the parsed query: one answer per key, shared (issue 14).
export const GET = snapshotExplorerView((snapshot, { query }) => ({ bars: sharingBars(snapshot, query) }), { cacheAs: "sharing", query: querySchema });
