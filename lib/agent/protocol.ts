import { z } from "zod";

// What the Ballast agent and Ballast say to each other, beside the proxied Engine API. Both sides import
// this file (it has no Node-only or server-only imports), so a change to the wire shape is one edit.

/** Bumped when an answer below changes incompatibly; Ballast refuses an agent whose protocol it does not speak. */
export const AGENT_PROTOCOL = 1;

/** The agent's own endpoints live under this prefix, apart from the Engine API paths it proxies. */
export const AGENT_PREFIX = "/ballast/v1";

const bytes = z.number().int().nonnegative();

export const agentInfoSchema = z.object({
  agent: z.literal("ballast-agent"),
  version: z.string(),
  protocol: z.number().int(),
  allowActions: z.boolean(),
});

export const logFileSchema = z.object({ path: z.string(), bytes });

export const containerLogsSchema = z.object({
  id: z.string(),
  /** The container's log driver (`HostConfig.LogConfig.Type`). */
  driver: z.string(),
  /** Sum of the files below: the active log plus rotated `.1…N` and compressed `.gz` ones. */
  bytes,
  files: z.array(logFileSchema),
});

export const agentLogsSchema = z.object({ containers: z.array(containerLogsSchema) });

/** One filesystem as statfs sees it; freeBytes = f_bavail × f_frsize (what `df` shows as Available). */
export const filesystemSchema = z.object({
  path: z.string(),
  sizeBytes: bytes,
  usedBytes: bytes,
  freeBytes: bytes,
  freeInodes: bytes,
});

/** On-disk bytes of a store the Engine API does not report (BuildKit's, containerd's), `du -sB1` style. */
export const storeUsageSchema = z.object({
  name: z.enum(["buildkit", "containerd"]),
  path: z.string(),
  bytes,
  /** False when the walk stopped at its entry cap or met unreadable folders: bytes is then a lower bound. */
  complete: z.boolean(),
});

export const agentDiskSchema = z.object({
  /** The Docker data root's filesystem; null when the agent cannot see it (not mounted into its container). */
  disk: filesystemSchema.nullable(),
  /** Every distinct filesystem Docker's bytes live on (data root first, then containerd's root when apart). */
  disks: z.array(filesystemSchema),
  stores: z.array(storeUsageSchema),
  /** Why a figure is missing, in plain words (e.g. the data root is not readable by the agent). */
  problems: z.array(z.string()).default([]),
});

export type AgentInfo = z.infer<typeof agentInfoSchema>;
export type ContainerLogs = z.infer<typeof containerLogsSchema>;
export type AgentLogs = z.infer<typeof agentLogsSchema>;
export type Filesystem = z.infer<typeof filesystemSchema>;
export type StoreUsage = z.infer<typeof storeUsageSchema>;
export type AgentDisk = z.infer<typeof agentDiskSchema>;
