"use client";
import { useState } from "react";
import { SharedUniqueBars } from "@/components/charts/SharedUniqueBars";
import { QueryState } from "@/components/ui/QueryState";
import type { SharingSortKey } from "@/lib/api/explorerTypes";
import { useSharingBarsQuery } from "@/lib/queries/useSharingBarsQuery";

const SORTS: { key: SharingSortKey; label: string }[] = [
  { key: "size", label: "Size" },
  { key: "shared", label: "Shared bytes" },
  { key: "unique", label: "Unique bytes" },
  { key: "fairShare", label: "Fair share" },
  { key: "name", label: "Name" },
];

/** Shared vs unique stacked bars for every image: top N by the chosen key, the rest as one "others" bar. */
export function SharingBarsSection({ snapshotId }: { snapshotId: string }) {
  const [sortBy, setSortBy] = useState<SharingSortKey>("size");
  const [topN, setTopN] = useState(15);
  const query = useSharingBarsQuery(snapshotId, sortBy, topN);
  const bars = (query.data?.bars ?? []).map((bar) => ({ ...bar, id: bar.id ?? "others" }));
  return (
    <section aria-label="Shared versus unique bytes">
      <h3>Shared vs unique bytes, every image</h3>
      <form className="inline" onSubmit={(event) => event.preventDefault()}>
        <label>
          Sort by
          <select value={sortBy} onChange={(event) => setSortBy(event.target.value as SharingSortKey)}>
            {SORTS.map((sort) => (
              <option key={sort.key} value={sort.key}>
                {sort.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Show
          <select value={topN} onChange={(event) => setTopN(Number(event.target.value))}>
            {[10, 15, 30, 50].map((n) => (
              <option key={n} value={n}>
                top {n}
              </option>
            ))}
          </select>
        </label>
      </form>
      <QueryState isLoading={query.isLoading} error={query.error} data={query.data} isEmpty={bars.length === 0} empty={<p className="meta">No images.</p>}>
        <SharedUniqueBars data={bars} />
        <p className="meta">
          A bar is the image’s full size. Its shared part is stored once on disk however many images use it; the last bar adds up every image not shown.
        </p>
      </QueryState>
    </section>
  );
}
