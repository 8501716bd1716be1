"use client";
import { ResponsiveContainer, Tooltip, Treemap } from "recharts";
import { sharedFraction, type TreemapDatum } from "@/lib/analysis/treemapZoom";
import { formatBytes } from "@/components/format";
import { TreemapTooltip } from "./TreemapTooltip";

// Pure view: two levels of the layer tree (the focused node's children, each with its own children).
// Area = bytes; colour runs from orange (unique to one image) to blue (shared by several images).

const UNIQUE_RGB = [0xe0, 0x7b, 0x39];
const SHARED_RGB = [0x7c, 0x9c, 0xc9];

export function sharedColour(fraction: number): string {
  const mix = UNIQUE_RGB.map((unique, index) => Math.round(unique + (SHARED_RGB[index] - unique) * fraction));
  return `rgb(${mix.join(",")})`;
}

type CellProps = TreemapDatum & {
  x: number;
  y: number;
  width: number;
  height: number;
  depth: number;
  index: number;
  root?: { name: string; x: number; y: number; width: number };
};

function CellLabel({ x, y, width, text, bold }: { x: number; y: number; width: number; text: string; bold?: boolean }) {
  const maxChars = Math.floor((width - 8) / 7);
  if (maxChars < 3) return null;
  const shown = text.length > maxChars ? `${text.slice(0, maxChars - 1)}…` : text;
  return (
    <text x={x + 4} y={y + 14} fontSize={12} fontWeight={bold ? 700 : 400} fill="#10161f" style={{ pointerEvents: "none" }}>
      {shown}
    </text>
  );
}

function Cell(props: CellProps) {
  const { x, y, width, height, depth, index, root } = props;
  if (depth === 0 || !Number.isFinite(width)) return <g />;
  const isGroup = depth === 1 && Boolean(props.children?.length);
  const fill = isGroup ? "#2b3645" : sharedColour(sharedFraction(props));
  // A folded group drawn at the top level can be opened; say so, it is often the largest box.
  const label = `${props.name} · ${formatBytes(props.value)}${props.folded && depth === 1 ? " · click to open" : ""}`;
  // The group's name goes on its first (largest, top-left) child: children are drawn over the group.
  const groupLabel = depth === 2 && index === 0 && root ? root.name : null;
  return (
    <g data-node-id={props.id} data-kind={props.kind} style={{ cursor: props.zoomable || props.kind === "layer" ? "pointer" : "default" }}>
      <rect
        x={x}
        y={y}
        width={width}
        height={height}
        fill={fill}
        stroke="#fff"
        strokeWidth={depth === 2 ? 1 : 2}
        opacity={props.kind === "aggregate" ? 0.55 : 1}
      />
      {!isGroup && height > 30 && !groupLabel && <CellLabel x={x} y={y} width={width} text={label} />}
      {groupLabel && height > 18 && <CellLabel x={x} y={y} width={Math.max(width, root!.width / 2)} text={groupLabel} bold />}
    </g>
  );
}

export function LayerTreemap({ data, onSelect, label }: { data: TreemapDatum[]; onSelect: (node: TreemapDatum) => void; label: string }) {
  return (
    <div style={{ width: "100%", height: 460 }} role="img" aria-label={label}>
      <ResponsiveContainer>
        <Treemap
          data={data}
          dataKey="value"
          nameKey="name"
          isAnimationActive={false}
          nodeInset={3}
          aspectRatio={4 / 3}
          content={(node) => <Cell {...(node as unknown as CellProps)} />}
          onClick={(node) => onSelect(node as unknown as TreemapDatum)}
        >
          <Tooltip content={<TreemapTooltip />} isAnimationActive={false} />
        </Treemap>
      </ResponsiveContainer>
    </div>
  );
}
