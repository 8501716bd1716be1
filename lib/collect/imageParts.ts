import type { z } from "zod";
import type { ImageFacts } from "./collectSnapshot";
import type { imageSummaryResponse, SystemDf } from "./engineResponses";
import { intermediateImageIds, realDigests, realTags } from "./engineMappers";
import { alignHistoryToLayers, chainIdsFromDiffIds } from "./layerHistory";
import type { Container, Image, Layer } from "./schema";

// The images part of a snapshot from the image list, the images' facts and the engine's per-image
// sizes (pure). Container counts come from the snapshot's container list, read in the same poll or
// carried with it (issue 14: a part not re-read keeps its figures, the counts follow the containers).

/** Containers (any state) per image ID. */
export function containerCounts(containers: Container[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const container of containers) counts.set(container.imageId, (counts.get(container.imageId) ?? 0) + 1);
  return counts;
}

/** Carried images with their container counts taken from `containers`. */
export function recountContainers(images: Image[], containers: Container[]): Image[] {
  const counts = containerCounts(containers);
  return images.map((image) => ({ ...image, containers: counts.get(image.id) ?? 0 }));
}

export function buildImagesAndLayers(
  summaries: z.infer<typeof imageSummaryResponse>,
  facts: (ImageFacts | null)[],
  dfImages: SystemDf["Images"],
  containers: Container[],
): { images: Image[]; layers: Layer[] } {
  const intermediates = intermediateImageIds(summaries);
  const engineImages = new Map((dfImages ?? []).map((image) => [image.Id, image]));
  const containersByImage = containerCounts(containers);
  const layers = new Map<string, Layer>();
  const images: Image[] = [];
  summaries.forEach((summary, index) => {
    const fact = facts[index];
    if (!fact) return;
    const chain = chainIdsFromDiffIds(fact.diffIds);
    const steps = alignHistoryToLayers(fact.history, chain.length, summary.Size);
    chain.forEach((chainId, position) => {
      if (layers.has(chainId)) return;
      layers.set(chainId, {
        chainId,
        diffId: fact.diffIds[position],
        parentChainId: position === 0 ? null : chain[position - 1],
        ...steps[position],
      });
    });
    const tags = realTags(summary.RepoTags);
    const dfImage = engineImages.get(summary.Id);
    images.push({
      id: summary.Id,
      tags,
      digests: realDigests(summary.RepoDigests),
      createdAt: new Date(summary.Created * 1000).toISOString(),
      parentId: summary.ParentId || null,
      labels: summary.Labels ?? {},
      chain,
      sizeBytes: summary.Size,
      dangling: tags.length === 0,
      intermediate: intermediates.has(summary.Id),
      engineSizeBytes: dfImage?.Size ?? null,
      engineSharedBytes: dfImage && dfImage.SharedSize >= 0 ? dfImage.SharedSize : null,
      containers: containersByImage.get(summary.Id) ?? 0,
    });
  });
  return { images, layers: [...layers.values()] };
}
