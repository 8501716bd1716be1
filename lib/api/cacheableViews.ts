import { z } from "zod";
import type { HostSnapshot } from "@/lib/collect/schema";
import { monthlyCost } from "@/lib/analysis/cost";
import { buildCacheView, containerRows, duplicateRows } from "@/lib/analysis/explorerRows";
import { imageDetail } from "@/lib/analysis/imageDetail";
import { reclaimableImages } from "@/lib/analysis/reclaimable";
import { sharingBars, sharingSortKeySchema, sortDirectionSchema } from "@/lib/analysis/sharingBars";
import { imageAccountingNote, imageRows, layerRows } from "@/lib/analysis/snapshotRows";
import { MAX_TREEMAP_NODE_ID_LENGTH, TREEMAP_NODE_ID } from "@/lib/analysis/treemapFold";
import { focusedTreemapView } from "@/lib/analysis/treemapView";

// The snapshot views whose answer is a pure function of one immutable snapshot, the parsed query, the
// host's price and its name (no other reads, no image `lastUsedAt`, which the next poll moves), by name.
// Their finished answers are built once and shared by every client (lib/api/viewResponseCache.ts); the
// build runs in the read worker (lib/worker/readWorker.ts), off the request loop, or in process with
// BALLAST_WORKERS=off. The route (lib/api/explorerRoute.ts, cachedSnapshotView) and the worker both
// name a view from here, so both run the same code; only plain data crosses between them.

export type ViewContext<Q> = { query: Q; pricePerGbMonth: number; hostName: string | null };

/** A view's answer when what it was asked for is not in the snapshot (a 404 naming `what`). */
export class ViewNotFound {
  constructor(readonly what: string) {}
}

type CacheableView<S extends z.ZodType> = {
  /** Query schema, parsed on the request's thread before anything is read (a 400 costs no load). */
  query: S | null;
  build: (snapshot: HostSnapshot, context: ViewContext<z.output<S>>) => unknown;
};

const view = <S extends z.ZodType = z.ZodObject<Record<string, never>>>(
  query: S | null,
  build: (snapshot: HostSnapshot, context: ViewContext<z.output<S>>) => unknown,
): CacheableView<S> => ({ query, build });

const sharingQuery = z.object({
  sortBy: sharingSortKeySchema.default("size"),
  direction: sortDirectionSchema.optional(),
  topN: z.coerce.number().int().min(1).max(200).default(20),
});

/** The image route's id, from its path (app/api/snapshots/[snapshotId]/images/[imageId]/route.ts), not its query. */
const imageQuery = z.object({ imageId: z.string() });

const treemapQuery = z.object({
  focus: z.string().max(MAX_TREEMAP_NODE_ID_LENGTH).regex(TREEMAP_NODE_ID, "not a treemap node id").default("host"),
});

export const cacheableViews = {
  images: view(null, (snapshot) => ({ images: imageRows(snapshot), accounting: imageAccountingNote(snapshot) })),
  layers: view(null, (snapshot) => ({ layers: layerRows(snapshot) })),
  reclaimable: view(null, (snapshot, { pricePerGbMonth }) => {
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
  }),
  duplicates: view(null, (snapshot, { pricePerGbMonth }) => ({ duplicates: duplicateRows(snapshot, pricePerGbMonth) })),
  containers: view(null, (snapshot, { pricePerGbMonth }) => ({ containers: containerRows(snapshot, pricePerGbMonth) })),
  // One image's layers, accounting and containers; its id comes from the path, not the query.
  image: view(imageQuery, (snapshot, { query }) => {
    const image = imageDetail(snapshot, query.imageId);
    return image ? { image } : new ViewNotFound("Image");
  }),
  "build-cache": view(null, (snapshot, { pricePerGbMonth }) => ({ buildCache: buildCacheView(snapshot, pricePerGbMonth) })),
  // Shared vs unique bytes for every image: the top N by the chosen key, then one "others" row.
  sharing: view(sharingQuery, (snapshot, { query }) => ({ bars: sharingBars(snapshot, query) })),
  // host → repository → image → layer, small items folded, each shared layer once; `?focus=<node id>`
  // answers one node's subtree (an "N smaller items" id opens that group), folded the same way.
  treemap: view(treemapQuery, (snapshot, { hostName, pricePerGbMonth, query }) => {
    const treemap = focusedTreemapView(snapshot, pricePerGbMonth, query.focus, { hostName: hostName ?? undefined });
    return treemap ? { treemap } : new ViewNotFound("Treemap node");
  }),
};

export type CacheableViewName = keyof typeof cacheableViews;

export const isCacheableView = (name: string): name is CacheableViewName => Object.hasOwn(cacheableViews, name);

/** Runs the named view on a loaded snapshot (`query` already parsed by that view's schema). */
export function runCacheableView(name: CacheableViewName, snapshot: HostSnapshot, context: ViewContext<unknown>): unknown {
  const { build } = cacheableViews[name] as CacheableView<z.ZodType>;
  return build(snapshot, context);
}
