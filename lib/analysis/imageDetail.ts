import type { HostSnapshot } from "@/lib/collect/schema";
import { engineDifferenceNote } from "@/lib/analysis/engineAccounting";
import { accountImages, layerUsage, type ImageAccounting } from "@/lib/analysis/imageAccounting";
import { imageDisplayName } from "@/lib/analysis/sharingBars";

// Everything the image page shows about one image: its layers in order with the Dockerfile step that
// made each, which other images share each layer, and the containers created from it.

/**
 * History `CreatedBy` as a person reads a Dockerfile. The classic builder records metadata steps as
 * `/bin/sh -c #(nop) CMD …` and shell steps as `/bin/sh -c …` (with `|N ARG=… ` in front when build
 * args are set); BuildKit writes `RUN /bin/sh -c … # buildkit` and `COPY … # buildkit`.
 */
export function readableCreatedBy(createdBy: string | null): string | null {
  if (createdBy === null) return null;
  const text = createdBy
    .trim()
    .replace(/\s*# buildkit$/, "")
    .replace(/^\/bin\/sh -c #\(nop\)\s*/, "")
    .replace(/^(RUN )?(\|\d+ .*? )?\/bin\/sh -c /, "RUN ")
    .trim();
  return text;
}

export type ImageRef = { id: string; name: string };

export type ImageDetailLayer = {
  /** Position in the image, 0 = base. */
  index: number;
  chainId: string;
  /** null where the layer store had no record of the chain ID. */
  diffId: string | null;
  sizeBytes: number;
  /** History `CreatedBy` as recorded. */
  createdBy: string | null;
  /** `createdBy` made readable (see `readableCreatedBy`). */
  step: string | null;
  /** Other counted images whose chain includes this layer, by name. */
  sharedWith: ImageRef[];
};

export type ImageDetailContainer = { id: string; name: string; state: string; status: string };

export type ImageDetail = {
  id: string;
  name: string;
  tags: string[];
  digests: string[];
  createdAt: string;
  dangling: boolean;
  intermediate: boolean;
  /** Docker's size/shared/unique beside Ballast's freed-if-removed and fair share. */
  accounting: ImageAccounting;
  /** Why Docker's figures differ from Ballast's on this engine (null where they agree). */
  engineNote: string | null;
  layers: ImageDetailLayer[];
  /** Containers in the snapshot created from this image. */
  containers: ImageDetailContainer[];
};

function layersOf(snapshot: Pick<HostSnapshot, "images" | "layers">, imageId: string): ImageDetailLayer[] {
  const usage = layerUsage(snapshot);
  const names = new Map(snapshot.images.map((image) => [image.id, imageDisplayName(image)]));
  const image = snapshot.images.find((candidate) => candidate.id === imageId)!;
  return image.chain.map((chainId, index) => {
    const use = usage.get(chainId);
    const createdBy = use?.layer.createdBy ?? null;
    const sharedWith = (use?.imageIds ?? [])
      .filter((id) => id !== imageId)
      .map((id) => ({ id, name: names.get(id)! }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    return {
      index,
      chainId,
      diffId: use?.layer.diffId ?? null,
      sizeBytes: use?.layer.sizeBytes ?? 0,
      createdBy,
      step: readableCreatedBy(createdBy),
      sharedWith,
    };
  });
}

/** The detail of one image, or null when the snapshot has no image with that ID. */
export function imageDetail(
  snapshot: Pick<HostSnapshot, "images" | "layers" | "containers" | "layersSizeBytes" | "engine">,
  imageId: string,
): ImageDetail | null {
  const image = snapshot.images.find((candidate) => candidate.id === imageId);
  if (!image) return null;
  return {
    id: image.id,
    name: imageDisplayName(image),
    tags: image.tags,
    digests: image.digests,
    createdAt: image.createdAt,
    dangling: image.dangling,
    intermediate: image.intermediate,
    accounting: accountImages(snapshot).get(image.id)!,
    engineNote: engineDifferenceNote(snapshot.engine),
    layers: layersOf(snapshot, image.id),
    containers: snapshot.containers
      .filter((container) => container.imageId === image.id)
      .map((container) => ({ id: container.id, name: container.name, state: container.state, status: container.status })),
  };
}
