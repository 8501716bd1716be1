// Response types of the public API (README §API), written out here rather than re-exported from the
// store: the store's DTOs may grow fields (TLS file paths, say) that must never reach a client, and
// lib/api/publicBodies.ts maps them field by field. Type-only: nothing server-side is bundled.
import type { FillForecast } from "@/lib/analysis/fillForecast";
import type { Filesystem, StoreUsage } from "@/lib/agent/protocol";
import type { Outcome, RunStatus } from "@/lib/analysis/actionChecks";
import type { Suggestion } from "@/lib/analysis/strategies/types";
import type { HostStatus } from "@/lib/analysis/hostStatus";
import type { AuditAction } from "@/lib/analysis/auditActions";
import type { ImageStore } from "@/lib/collect/imageStore";

export type { ImageAccountingNote, ImageRow, LayerRow } from "@/lib/analysis/snapshotRows";

export type ApiErrorBody = { error: { code: string; message: string; snapshotId?: string } };

export type SnapshotRef = { id: string; takenAt: string; status: "ok" | "failed" };

/** GET /api/snapshots/{id}, POST /api/hosts/{id}/poll. */
export type SnapshotBody = SnapshotRef & {
  hostId: string;
  durationMs: number;
  error: { code: string; message: string } | null;
  engine: { version: string; apiVersion: string; maxApiVersion: string; imageStore: ImageStore; storageDriver: string; dataRoot: string } | null;
  totals: {
    imagesBytes: number;
    containersWritableBytes: number;
    volumesBytes: number;
    buildCacheBytes: number;
    logsBytes: number | null;
  } | null;
  /**
   * When each category's figures were read from the engine (ISO 8601). A background poll reads a part
   * again only when the engine's events say it changed or it is older than BALLAST_PART_MAX_AGE_SEC;
   * otherwise its figures are carried, and equal Docker's as of this time. Null on a failed poll.
   */
  asOf: { images: string; containers: string; volumes: string; buildCache: string } | null;
  /** The agent's version when an agent took the snapshot: logs and disk figures came from it. */
  agent: { version: string } | null;
  disk: Filesystem | null;
  disks: Filesystem[] | null;
  stores: StoreUsage[] | null;
};

/** A host as the API shows it: `tls` says whether it uses TLS, never where the files are. */
export type PublicHost = {
  id: string;
  name: string;
  endpoint: string;
  tls: boolean;
  /** "agent": reached through a Ballast host agent (https://); "engine": the Engine API directly. */
  kind: "engine" | "agent";
  /** The agent's pinned certificate fingerprint (the token is write-only, never answered). */
  agent: { fingerprint: string } | null;
  enabled: boolean;
  pollIntervalSec: number;
  pricePerGbMonth: number | null;
  createdAt: string;
};

/** An entry of GET /api/hosts and GET /api/hosts/{id}. */
export type HostSummary = PublicHost & {
  /** pending (never polled) | ok | unreachable (could not connect or timed out) | degraded (reached the
   *  engine, failed otherwise) | disabled — see lib/analysis/hostStatus.ts. */
  status: HostStatus;
  /** When `status` last changed. */
  statusSince: string;
  lastPollAt: string | null;
  nextPollAt: string | null;
  /** Failed polls in a row (the backoff). */
  failureCount: number;
  /** When the current engine's series began (another engine answered at this endpoint), or null. */
  seriesStartedAt: string | null;
  /** Snapshots kept for this host (what deleting it removes). */
  snapshotCount: number;
  lastSnapshot: SnapshotRef | null;
  lastError: { code: string; message: string } | null;
  /** The newest good snapshot (a failed poll never hides it). */
  lastGoodSnapshot: SnapshotBody | null;
  /** Fill forecast of each filesystem the agent measures (lib/analysis/fillForecast.ts), last 7 days. */
  fill: FillForecast[];
};

/** An entry of GET /api/suggestions: a strategy's suggestion on one host's snapshot. */
export type SuggestionBody = Suggestion & {
  id: string;
  hostId: string;
  snapshotId: string;
  status: "open" | "approved" | "superseded";
  createdAt: string;
  runId: string | null;
};

export type RunResultBody = { kind: string; id: string; name: string; outcome: Outcome; reason: string | null; bytes: number };

/** POST /api/suggestions/{id}/approve. */
export type RunBody = {
  id: string;
  /** null once the host was deleted; the run keeps its host's id and name. */
  suggestionId: string | null;
  hostId: string | null;
  hostName: string | null;
  approvedBy: string;
  approvedAt: string;
  status: "running" | RunStatus;
  expectedBytes: number;
  reclaimedBytes: number | null;
  snapshotBeforeId: string;
  snapshotAfterId: string | null;
  results: RunResultBody[];
};

/** An entry of GET /api/audit. */
export type AuditEntryBody = {
  id: string;
  at: string;
  actor: string;
  action: AuditAction;
  runId: string | null;
  details: Record<string, unknown>;
};
