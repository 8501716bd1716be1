import { z } from "zod";
import { snapshotExplorerView } from "@/lib/api/explorerRoute";
import { parseRequest } from "@/lib/api/request";
import { sharingBars, sharingSortKeySchema, sortDirectionSchema } from "@/lib/analysis/sharingBars";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  sortBy: sharingSortKeySchema.default("size"),
  direction: sortDirectionSchema.optional(),
  topN: z.coerce.number().int().min(1).max(200).default(20),
});

// Shared vs unique bytes for every image: the top N by the chosen key, then one "others" row.
export const GET = snapshotExplorerView(async (snapshot, { request }) => {
  const { query, error } = await parseRequest(request, { query: querySchema });
  if (error) return error;
  return { bars: sharingBars(snapshot, query) };
});
