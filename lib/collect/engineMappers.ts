import type { BuildCacheRecord, Container, Volume } from "./schema";
import type { ContainerInspect, DfBuildCache, DfContainer, DfVolume, ImageSummary } from "./engineResponses";

// Pure mappers from Engine API JSON to HostSnapshot parts (unit-tested on recorded answers).

const ANONYMOUS_VOLUME_LABEL = "com.docker.volume.anonymous";

export const realTags = (tags: string[] | null | undefined) => (tags ?? []).filter((tag) => tag !== "<none>:<none>");
export const realDigests = (digests: string[] | null | undefined) => (digests ?? []).filter((digest) => digest !== "<none>@<none>");

/** Docker's time strings ("2026-11-23T14:41:48.31Z", "0001-01-01T00:00:00Z") → ISO or null. */
export function isoOrNull(value: string | null | undefined): string | null {
  if (!value || value.startsWith("0001-01-01")) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** Untagged, undigested images that have children: /system/df leaves them out (moby getLayerRefs). */
export function intermediateImageIds(summaries: ImageSummary[]): Set<string> {
  const parents = new Set(summaries.map((image) => image.ParentId).filter(Boolean));
  return new Set(
    summaries
      .filter((image) => parents.has(image.Id) && realTags(image.RepoTags).length === 0 && realDigests(image.RepoDigests).length === 0)
      .map((image) => image.Id),
  );
}

const RELATIVE_TIME = /\s*(Less than a second|About a minute|About an hour|\d+ (second|minute|hour|day|week|month|year)s?)( ago)?/g;

/**
 * Docker's status text without its relative time ("Up 2 hours (healthy)" → "Up (healthy)",
 * "Exited (0) 3 days ago" → "Exited (0)"): the text would otherwise change at every poll and make
 * every snapshot's containers look new. Age comes from `createdAt`.
 */
export function stableStatus(status: string): string {
  return status.replace(RELATIVE_TIME, "").replace(/\s+/g, " ").trim();
}

export function mapContainer(df: DfContainer, inspect: ContainerInspect | null, defaultLogDriver: string): Container {
  const logConfig = inspect?.HostConfig?.LogConfig ?? null;
  return {
    id: df.Id,
    name: (df.Names?.[0] ?? df.Id.slice(0, 12)).replace(/^\//, ""),
    imageId: df.ImageID,
    image: df.Image,
    command: df.Command,
    state: df.State,
    status: stableStatus(df.Status),
    createdAt: new Date(df.Created * 1000).toISOString(),
    writableBytes: Math.max(0, df.SizeRw ?? 0),
    rootFsBytes: Math.max(0, df.SizeRootFs ?? 0),
    labels: df.Labels ?? {},
    mounts: (df.Mounts ?? []).map((mount) => ({
      type: mount.Type,
      name: mount.Name ?? null,
      source: mount.Source,
      destination: mount.Destination,
    })),
    logDriver: logConfig?.Type ?? (inspect ? defaultLogDriver : null),
    logOptions: logConfig?.Config ?? {},
    logPath: inspect?.LogPath || null,
    logBytes: null,
  };
}

export function mapVolume(df: DfVolume): Volume {
  const labels = df.Labels ?? {};
  const size = df.UsageData?.Size ?? -1;
  return {
    name: df.Name,
    driver: df.Driver,
    anonymous: ANONYMOUS_VOLUME_LABEL in labels || /^[0-9a-f]{64}$/.test(df.Name),
    mountpoint: df.Mountpoint,
    createdAt: isoOrNull(df.CreatedAt),
    labels,
    // -1 means the driver cannot tell (non-local drivers).
    sizeBytes: size >= 0 ? size : null,
    refCount: Math.max(0, df.UsageData?.RefCount ?? 0),
  };
}

export function mapBuildCache(df: DfBuildCache): BuildCacheRecord {
  return {
    id: df.ID,
    type: df.Type,
    description: df.Description,
    inUse: df.InUse,
    shared: df.Shared,
    sizeBytes: Math.max(0, df.Size),
    createdAt: isoOrNull(df.CreatedAt),
    lastUsedAt: isoOrNull(df.LastUsedAt),
    usageCount: df.UsageCount,
    // API 1.42 replaced Parent with Parents.
    parents: df.Parents ?? (df.Parent ? [df.Parent] : []),
  };
}
