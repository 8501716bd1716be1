"use client";
import { formatBytes } from "@/components/format";
import type { TreemapDatum } from "@/lib/analysis/treemapZoom";

/** Root first; every crumb but the last zooms back out to it. */
export function Breadcrumbs({ path, onPick }: { path: { id: string; name: string }[]; onPick: (index: number) => void }) {
  return (
    <nav className="breadcrumbs" aria-label="Treemap path">
      {path.map((node, index) => (
        <span key={node.id}>
          {index > 0 && " › "}
          {index === path.length - 1 ? (
            <strong aria-current="location">{node.name}</strong>
          ) : (
            <button type="button" onClick={() => onPick(index)}>
              {node.name}
            </button>
          )}
        </span>
      ))}
    </nav>
  );
}

/** The same boxes as buttons: keyboard users and tests can zoom without aiming at SVG. */
export function ZoomList({ data, onSelect }: { data: TreemapDatum[]; onSelect: (node: TreemapDatum) => void }) {
  const zoomable = data.filter((node) => node.zoomable || node.layer);
  // The folded group is last by size but the one a user most needs a way into: always list it.
  const shown = [...zoomable.filter((node) => !node.folded).slice(0, 16), ...zoomable.filter((node) => node.folded)];
  if (shown.length === 0) return null;
  return (
    <div className="tag-list" aria-label="Zoom into">
      {shown.map((node) => (
        <button key={node.id} type="button" className="secondary small" onClick={() => onSelect(node)}>
          {node.name.length > 48 ? `${node.name.slice(0, 47)}…` : node.name} ({formatBytes(node.value)})
        </button>
      ))}
    </div>
  );
}
