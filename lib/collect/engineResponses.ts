import { z } from "zod";

// Lenient schemas for the Engine API answers we read (API 1.41 and newer). Fields Docker may omit
// or send as null are optional/nullable here; the mappers turn them into the strict HostSnapshot.

const nullableString = z.string().nullish();
const labelMap = z.record(z.string(), z.string()).nullish();

export const versionResponse = z.object({ Version: z.string(), ApiVersion: z.string(), MinAPIVersion: z.string().nullish() });

export const infoResponse = z.object({
  ID: z.string().default(""),
  Name: z.string().default(""),
  Driver: z.string().default(""),
  DockerRootDir: z.string().default(""),
  OperatingSystem: z.string().default(""),
  Architecture: z.string().default(""),
  KernelVersion: z.string().default(""),
  NCPU: z.number().default(0),
  MemTotal: z.number().default(0),
  LoggingDriver: z.string().default("json-file"),
  /** The engine's clock (RFC 3339): the window of events between two polls is read in the engine's time. */
  SystemTime: z.string().nullish(),
  /** Pairs such as ["driver-type", "io.containerd.snapshotter.v1"] (the containerd image store). */
  DriverStatus: z.array(z.array(z.string())).nullish(),
});

export const dfImage = z.object({
  Id: z.string(),
  Size: z.number(),
  SharedSize: z.number(),
  Containers: z.number(),
  RepoTags: z.array(z.string()).nullish(),
});

const mount = z.object({
  Type: z.string().default(""),
  Name: nullableString,
  Source: z.string().default(""),
  Destination: z.string().default(""),
});

export const dfContainer = z.object({
  Id: z.string(),
  Names: z.array(z.string()).nullish(),
  Image: z.string().default(""),
  ImageID: z.string().default(""),
  Command: z.string().default(""),
  Created: z.number(),
  State: z.string().default(""),
  Status: z.string().default(""),
  SizeRw: z.number().nullish(),
  SizeRootFs: z.number().nullish(),
  Labels: labelMap,
  Mounts: z.array(mount).nullish(),
});

export const dfVolume = z.object({
  Name: z.string(),
  Driver: z.string().default("local"),
  Mountpoint: z.string().default(""),
  CreatedAt: nullableString,
  Labels: labelMap,
  UsageData: z.object({ Size: z.number(), RefCount: z.number() }).nullish(),
});

export const dfBuildCache = z.object({
  ID: z.string(),
  Parent: nullableString,
  Parents: z.array(z.string()).nullish(),
  Type: z.string().default(""),
  Description: z.string().default(""),
  InUse: z.boolean().default(false),
  Shared: z.boolean().default(false),
  Size: z.number(),
  CreatedAt: nullableString,
  LastUsedAt: nullableString,
  UsageCount: z.number().default(0),
});

export const systemDfResponse = z.object({
  LayersSize: z.number(),
  Images: z.array(dfImage).nullish(),
  Containers: z.array(dfContainer).nullish(),
  Volumes: z.array(dfVolume).nullish(),
  BuildCache: z.array(dfBuildCache).nullish(),
});

/** GET /containers/json: the same summary /system/df lists (without sizes unless asked). */
export const containerListResponse = z.array(dfContainer);

/** GET /volumes: the same records /system/df lists (UsageData is never filled here). */
export const volumeListResponse = z.object({ Volumes: z.array(dfVolume).nullish() });

export const imageSummaryResponse = z.array(
  z.object({
    Id: z.string(),
    ParentId: z.string().default(""),
    RepoTags: z.array(z.string()).nullish(),
    RepoDigests: z.array(z.string()).nullish(),
    Created: z.number(),
    Size: z.number(),
    Labels: labelMap,
  }),
);

export const imageInspectResponse = z.object({
  Id: z.string(),
  RootFS: z.object({ Type: z.string(), Layers: z.array(z.string()).nullish() }),
});

const historyEntry = z.object({ Created: z.number(), CreatedBy: z.string().default(""), Size: z.number(), Comment: z.string().default("") });
export const historyResponse = z.array(historyEntry);

/** History with each step's image ID (`Id`: the local image of that step, "<missing>" where there is none). */
export const historyWithIdsResponse = z.array(historyEntry.extend({ Id: z.string().nullish() }));

export const containerInspectResponse = z.object({
  Id: z.string(),
  LogPath: nullableString,
  HostConfig: z.object({ LogConfig: z.object({ Type: z.string(), Config: labelMap }).nullish() }).nullish(),
});

export type SystemDf = z.infer<typeof systemDfResponse>;
export type DfContainer = z.infer<typeof dfContainer>;
export type DfVolume = z.infer<typeof dfVolume>;
export type DfBuildCache = z.infer<typeof dfBuildCache>;
export type ImageSummary = z.infer<typeof imageSummaryResponse>[number];
export type HistoryEntry = z.infer<typeof historyResponse>[number];
export type HistoryWithIds = z.infer<typeof historyWithIdsResponse>;
export type ContainerInspect = z.infer<typeof containerInspectResponse>;

/** POST /build/prune: which records went and how many bytes that gave back. */
export const buildPruneResponse = z.object({ CachesDeleted: z.array(z.string()).nullish(), SpaceReclaimed: z.number().nullish() }).nullable();
