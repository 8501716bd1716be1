"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { SharedUniquePoint } from "@/lib/analysis/largestImages";
import { formatBytes, formatExactBytes } from "@/components/format";

/** Pure view: horizontal stacked bars of shared vs unique bytes per image. */
export function SharedUniqueBars({ data }: { data: SharedUniquePoint[] }) {
  const height = 60 + data.length * 32;
  return (
    <div style={{ width: "100%", height }} role="img" aria-label="Shared versus unique bytes of the largest images">
      <ResponsiveContainer>
        <BarChart data={data} layout="vertical" margin={{ left: 8, right: 24, top: 8, bottom: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" tickFormatter={(value: number) => formatBytes(value)} />
          <YAxis type="category" dataKey="name" width={200} tick={{ fontSize: 12 }} />
          <Tooltip formatter={(value) => formatExactBytes(Number(value))} />
          <Legend />
          <Bar dataKey="sharedBytes" name="Shared with other images" stackId="size" fill="var(--shared)" isAnimationActive={false} />
          <Bar dataKey="uniqueBytes" name="Unique to the image" stackId="size" fill="var(--unique)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
