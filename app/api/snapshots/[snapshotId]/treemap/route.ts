import { z } from "zod";
import { snapshotExplorerView } from "@/lib/api/explorerRoute";
import { notFound } from "@/lib/api/response";
import { MAX_TREEMAP_NODE_ID_LENGTH, TREEMAP_NODE_ID } from "@/lib/analysis/treemapFold";
import { focusedTreemapView } from "@/lib/analysis/treemapView";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  focus: z.string().max(MAX_TREEMAP_NODE_ID_LENGTH).regex(TREEMAP_NODE_ID, "not a treemap node id").default("host"),
});

// host → repository → image → layer, small items folded, each shared layer once; `?focus=<node id>`
// answers one node's subtree (an "N smaller items" id opens that group), folded the same way.
// Pure of the snapshot, the focus, the price and the host's name: one answer per key, shared by every client (issue 14).
export const GET = snapshotExplorerView(
  (snapshot, { hostName, pricePerGbMonth, query }) => {
    const treemap = focusedTreemapView(snapshot, pricePerGbMonth, query.focus, { hostName: hostName ?? undefined });
    return treemap ? { treemap } : notFound("Treemap node");
  },
  { cacheAs: "treemap", query: querySchema },
);
