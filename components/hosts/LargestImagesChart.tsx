"use client";
import { SharedUniqueBars } from "@/components/charts/SharedUniqueBars";
import { QueryState } from "@/components/ui/QueryState";
import { largestImagesSeries } from "@/lib/analysis/largestImages";
import { useSnapshotImagesQuery } from "@/lib/queries/useSnapshotImagesQuery";

export function LargestImagesChart({ snapshotId }: { snapshotId: string }) {
  const query = useSnapshotImagesQuery(snapshotId);
  const series = query.data ? largestImagesSeries(query.data.images, 10) : [];
  return (
    <section aria-label="Largest images">
      <h3>Largest images: shared vs unique</h3>
      <QueryState
        isLoading={query.isLoading}
        error={query.error}
        data={query.data}
        isEmpty={series.length === 0}
        empty={<p className="meta">No images on this host.</p>}
      >
        <SharedUniqueBars data={series} />
        <p className="meta">Shared bytes are layers more than one image uses; they are stored once on disk.</p>
      </QueryState>
    </section>
  );
}
