"use client";
import { Area, AreaChart, CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { SeriesPoint } from "@/lib/api/reportTypes";
import { formatBytes, formatExactBytes } from "@/components/format";

const AREAS = [
  ["images", "Images", "#7c9cc9"],
  ["containers", "Writable layers", "#e07b39"],
  ["volumes", "Volumes", "#1f8a4c"],
  ["buildCache", "Build cache", "#9a7b10"],
  ["logs", "Logs", "#8e44ad"],
] as const;

const day = (at: number) => new Date(at).toISOString().slice(0, 10);
/** UTC midnights inside the domain, at most ~10 of them: one label per day, never the same day twice. */
function dayTicks([from, to]: [number, number]): number[] {
  const first = Math.ceil(from / 86_400_000) * 86_400_000;
  const days = Math.floor((to - first) / 86_400_000) + 1;
  const every = Math.max(1, Math.ceil(days / 10));
  return Array.from({ length: Math.ceil(days / every) }, (_, i) => first + i * every * 86_400_000).filter((at) => at <= to);
}
const time = (at: number) => new Date(at).toISOString().slice(0, 16).replace("T", " ") + " UTC";

/** A host added, removed or answering as another engine: a labelled line, so the jump is not read as growth. */
export type ChartStep = { at: number; label: string };

/**
 * Pure view: bytes per category over time, stacked; steps, since each poll holds until the next.
 * With one or two readings the areas are slivers on a month-wide axis, so the readings get dots.
 */
export function CategoryAreaChart({ data, domain, label, steps = [] }: { data: SeriesPoint[]; domain: [number, number]; label: string; steps?: ChartStep[] }) {
  return (
    <div style={{ width: "100%", height: 320 }} role="img" aria-label={label}>
      <ResponsiveContainer>
        <AreaChart data={data} margin={{ left: 8, right: 24, top: 8, bottom: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="at" type="number" scale="time" domain={domain} ticks={dayTicks(domain)} tickFormatter={day} />
          <YAxis tickFormatter={(value: number) => formatBytes(value)} width={80} />
          <Tooltip labelFormatter={(at) => time(Number(at))} formatter={(value) => formatExactBytes(Number(value))} />
          <Legend />
          {AREAS.map(([key, name, color]) => (
            <Area
              key={key}
              type="stepAfter"
              dataKey={key}
              name={name}
              stackId="bytes"
              stroke={color}
              fill={color}
              fillOpacity={0.55}
              dot={data.length <= 3}
              isAnimationActive={false}
            />
          ))}
          {steps.map((step) => (
            <ReferenceLine
              key={`${step.at}-${step.label}`}
              x={step.at}
              stroke="#5b6675"
              strokeDasharray="4 3"
              label={{ value: step.label, position: "insideTopLeft", fontSize: 11, fill: "#5b6675" }}
            />
          ))}
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
