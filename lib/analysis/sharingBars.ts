import { z } from "zod";
import type { HostSnapshot, Image } from "@/lib/collect/schema";
import { accountImages, countedImages } from "@/lib/analysis/imageAccounting";

// Rows for the shared-vs-unique stacked bar chart of every counted image: the top N by a chosen key,
// then one "others" row holding the sum of the rest, so the chart's totals match the whole host.

export const sharingSortKeySchema = z.enum(["size", "shared", "unique", "fairShare", "name"]);
export type SharingSortKey = z.infer<typeof sharingSortKeySchema>;

export const sortDirectionSchema = z.enum(["asc", "desc"]);
export type SortDirection = z.infer<typeof sortDirectionSchema>;

export type SharingBar = {
  /** Image ID; null on the "others" row. */
  id: string | null;
  /** First tag, or `<none> <short id>` for an untagged image, or `N others`. */
  name: string;
  sizeBytes: number;
  sharedBytes: number;
  uniqueBytes: number;
  fairShareBytes: number;
  /** 1 for an image row; the number of images folded into the "others" row. */
  imageCount: number;
};

export type SharingBarsOptions = {
  sortBy: SharingSortKey;
  /** Defaults: ascending for name, descending (largest first) for the byte keys. */
  direction?: SortDirection;
  /** How many image rows to show before the "others" row. */
  topN: number;
};

/** Name shown for an image: its first tag, or `<none>` and the 12-hex short ID. */
export function imageDisplayName(image: Pick<Image, "id" | "tags">): string {
  return image.tags[0] ?? `<none> ${image.id.replace(/^sha256:/, "").slice(0, 12)}`;
}

const byteKey: Record<Exclude<SharingSortKey, "name">, keyof SharingBar> = {
  size: "sizeBytes",
  shared: "sharedBytes",
  unique: "uniqueBytes",
  fairShare: "fairShareBytes",
};

function compareBars(sortBy: SharingSortKey, direction: SortDirection) {
  const sign = direction === "asc" ? 1 : -1;
  return (a: SharingBar, b: SharingBar): number => {
    const primary = sortBy === "name" ? a.name.localeCompare(b.name) : (a[byteKey[sortBy]] as number) - (b[byteKey[sortBy]] as number);
    // Ties break by name then ID, always ascending, so the order never depends on input order.
    return sign * primary || a.name.localeCompare(b.name) || (a.id ?? "").localeCompare(b.id ?? "");
  };
}

function othersRow(rest: SharingBar[]): SharingBar {
  const total = (key: "sizeBytes" | "sharedBytes" | "uniqueBytes" | "fairShareBytes") => rest.reduce((sum, row) => sum + row[key], 0);
  return {
    id: null,
    name: `${rest.length} others`,
    sizeBytes: total("sizeBytes"),
    sharedBytes: total("sharedBytes"),
    uniqueBytes: total("uniqueBytes"),
    fairShareBytes: total("fairShareBytes"),
    imageCount: rest.length,
  };
}

/**
 * One bar per counted image (sorted), cut to `topN` rows plus an "others" row when more remain.
 * Each column of the rows adds up to the same column over all images; fair shares add up to the
 * host's image bytes.
 */
export function sharingBars(snapshot: Pick<HostSnapshot, "images" | "layers">, options: SharingBarsOptions): SharingBar[] {
  const accounting = accountImages(snapshot);
  const bars: SharingBar[] = countedImages(snapshot.images).map((image) => {
    const row = accounting.get(image.id)!;
    return {
      id: image.id,
      name: imageDisplayName(image),
      sizeBytes: row.sizeBytes,
      sharedBytes: row.sharedBytes,
      uniqueBytes: row.uniqueBytes,
      fairShareBytes: row.fairShareBytes,
      imageCount: 1,
    };
  });
  const direction = options.direction ?? (options.sortBy === "name" ? "asc" : "desc");
  bars.sort(compareBars(options.sortBy, direction));
  const topN = Math.max(0, Math.floor(options.topN));
  if (bars.length <= topN) return bars;
  return [...bars.slice(0, topN), othersRow(bars.slice(topN))];
}
