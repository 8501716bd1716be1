import { monthlyCost } from "./cost";

export type CategoryRow = { key: string; label: string; bytes: number | null; monthlyCost: number | null; note: string };

type Totals = { imagesBytes: number; containersWritableBytes: number; volumesBytes: number; buildCacheBytes: number; logsBytes: number | null };

/** The fleet overview's rows: bytes and $/month per storage category of one snapshot. */
export function categoryRows(totals: Totals, pricePerGbMonth: number): CategoryRow[] {
  const row = (key: string, label: string, bytes: number | null, note: string): CategoryRow => ({
    key,
    label,
    bytes,
    monthlyCost: bytes === null ? null : monthlyCost(bytes, pricePerGbMonth),
    note,
  });
  return [
    row("images", "Images", totals.imagesBytes, "Every image layer once (docker system df LayersSize)"),
    row("containers", "Writable layers", totals.containersWritableBytes, "Data containers wrote outside volumes"),
    row("volumes", "Volumes", totals.volumesBytes, "Named and anonymous volumes"),
    row("buildCache", "Build cache", totals.buildCacheBytes, "Records not shared with images"),
    row("logs", "Logs", totals.logsBytes, totals.logsBytes === null ? "Not measured: needs the Ballast host agent" : "json-file logs on disk"),
  ];
}
