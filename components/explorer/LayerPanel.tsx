import Link from "next/link";
import type { TreemapDatum } from "@/lib/analysis/treemapZoom";
import { formatBytes, formatExactBytes, formatMoney } from "@/components/format";
import { imageHref } from "./links";

/** The layer picked in the treemap: its step, bytes, cost and the images that use it (links). */
export function LayerPanel({ hostId, node }: { hostId: string; node: TreemapDatum }) {
  const layer = node.layer!;
  const more = layer.imageCount - (node.usedBy?.length ?? 0);
  return (
    <section className="info-box" aria-label="Selected layer">
      <div>
        <strong>Layer</strong> <code>{layer.chainId.slice(7, 19)}</code> · {formatBytes(node.value)} ({formatExactBytes(node.value)}) ·{" "}
        {formatMoney(node.monthlyCost)}/month · {layer.shared ? `shared by ${layer.imageCount} images` : "unique to one image"}
      </div>
      <div>
        Made by <code>{node.name}</code>
      </div>
      <div className="tag-list">
        Used by:{" "}
        {(node.usedBy ?? []).map((image) => (
          <Link key={image.id} href={imageHref(hostId, image.id)}>
            {image.name}
          </Link>
        ))}
        {more > 0 && <span className="meta">and {more} more</span>}
      </div>
    </section>
  );
}
