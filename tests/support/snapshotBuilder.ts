import crypto from "node:crypto";
import type { BuildCacheRecord, Container, HostSnapshot, Image, Layer, Volume } from "@/lib/collect/schema";

// Builds small, valid HostSnapshots for unit tests. Layers are described by a label (same label = same
// diff) and a size; chain IDs are computed the way Docker does, so two images built on the same base
// share chain IDs and the same diff on another base gets a new chain ID.

export const sha = (text: string) => `sha256:${crypto.createHash("sha256").update(text).digest("hex")}`;
export const hex64 = (text: string) => crypto.createHash("sha256").update(text).digest("hex");

export type LayerSpec = { diff: string; size: number; createdBy?: string };

export type ImageSpec = {
  name: string;
  tags?: string[];
  layers: LayerSpec[];
  labels?: Record<string, string>;
  createdAt?: string;
  /** When Ballast first saw it on the host (default: its build date, as if seen since it was built). */
  firstSeenAt?: string;
  lastUsedAt?: string;
  intermediate?: boolean;
  containers?: number;
};

export function chainIds(diffIds: string[]): string[] {
  const chain: string[] = [];
  diffIds.forEach((diffId, index) => {
    chain.push(index === 0 ? diffId : sha(`${chain[index - 1]} ${diffId}`));
  });
  return chain;
}

export function buildSnapshot(spec: {
  images: ImageSpec[];
  containers?: Partial<Container>[];
  volumes?: Partial<Volume>[];
  buildCache?: Partial<BuildCacheRecord>[];
  takenAt?: string;
}): HostSnapshot {
  const layers = new Map<string, Layer>();
  const images: Image[] = spec.images.map((imageSpec) => {
    const diffIds = imageSpec.layers.map((layer) => sha(`diff:${layer.diff}`));
    const chain = chainIds(diffIds);
    chain.forEach((chainId, index) => {
      if (!layers.has(chainId)) {
        layers.set(chainId, {
          chainId,
          diffId: diffIds[index],
          parentChainId: index === 0 ? null : chain[index - 1],
          sizeBytes: imageSpec.layers[index].size,
          createdBy: imageSpec.layers[index].createdBy ?? `RUN make ${imageSpec.layers[index].diff}`,
          createdAt: "2026-01-01T00:00:00.000Z",
        });
      }
    });
    const tags = imageSpec.tags ?? [`${imageSpec.name}:latest`];
    return {
      id: sha(`image:${imageSpec.name}`),
      tags,
      digests: [],
      createdAt: imageSpec.createdAt ?? "2026-01-01T00:00:00.000Z",
      parentId: null,
      labels: imageSpec.labels ?? {},
      chain,
      sizeBytes: imageSpec.layers.reduce((sum, layer) => sum + layer.size, 0),
      dangling: tags.length === 0,
      intermediate: imageSpec.intermediate ?? false,
      engineSizeBytes: null,
      engineSharedBytes: null,
      containers: imageSpec.containers ?? 0,
      firstSeenAt: imageSpec.firstSeenAt ?? imageSpec.createdAt ?? "2026-01-01T00:00:00.000Z",
      lastUsedAt: imageSpec.lastUsedAt ?? null,
    };
  });
  const containers: Container[] = (spec.containers ?? []).map((partial, index) => ({
    id: hex64(`container:${index}`),
    name: `c${index}`,
    imageId: images[0]?.id ?? sha("none"),
    image: images[0]?.tags[0] ?? "none",
    command: "sh",
    state: "running",
    status: "Up 1 hour",
    createdAt: "2026-01-01T00:00:00.000Z",
    writableBytes: 0,
    rootFsBytes: 0,
    labels: {},
    mounts: [],
    logDriver: "json-file",
    logOptions: {},
    logPath: null,
    logBytes: null,
    ...partial,
  }));
  const volumes: Volume[] = (spec.volumes ?? []).map((partial, index) => ({
    name: `volume${index}`,
    driver: "local",
    anonymous: false,
    mountpoint: `/var/lib/docker/volumes/volume${index}/_data`,
    createdAt: "2026-01-01T00:00:00.000Z",
    labels: {},
    sizeBytes: 0,
    refCount: 0,
    ...partial,
  }));
  const buildCache: BuildCacheRecord[] = (spec.buildCache ?? []).map((partial, index) => ({
    id: `cache${index}`,
    type: "regular",
    description: "",
    inUse: false,
    shared: false,
    sizeBytes: 0,
    createdAt: "2026-01-01T00:00:00.000Z",
    lastUsedAt: "2026-01-01T00:00:00.000Z",
    usageCount: 1,
    parents: [],
    ...partial,
  }));
  const layerList = [...layers.values()];
  const used = new Set(images.filter((image) => !image.intermediate).flatMap((image) => image.chain));
  return {
    takenAt: spec.takenAt ?? "2026-02-01T00:00:00.000Z",
    durationMs: 1,
    engine: {
      id: "TEST:ENGINE",
      name: "test-host",
      version: "20.10.24",
      apiVersion: "1.41",
      maxApiVersion: "1.41",
      imageStore: "graphdriver",
      storageDriver: "overlay2",
      dataRoot: "/var/lib/docker",
      os: "Debian",
      arch: "x86_64",
      kernelVersion: "6.1.0",
      cpus: 2,
      memoryBytes: 1024,
    },
    layersSizeBytes: layerList.filter((layer) => used.has(layer.chainId)).reduce((sum, layer) => sum + layer.sizeBytes, 0),
    images,
    layers: layerList,
    containers,
    volumes,
    buildCache,
  };
}
