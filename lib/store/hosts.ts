import "server-only";
import type { HostStatus } from "@/lib/analysis/hostStatus";
import { db } from "./db";
import { sealSecret } from "./secretBox";

export type HostDto = {
  id: string;
  name: string;
  endpoint: string;
  tls: { caPath: string; certPath: string; keyPath: string; verify: boolean } | null;
  /** "agent": reached through a Ballast host agent (https://); "engine": the Engine API directly. */
  kind: "engine" | "agent";
  /** The agent's pinned certificate fingerprint; the token is write-only and never in a DTO. */
  agent: { fingerprint: string } | null;
  enabled: boolean;
  pollIntervalSec: number;
  pricePerGbMonth: number | null;
  createdAt: string;
  status: HostStatus;
  /** When `status` last changed. */
  statusSince: string;
  lastError: { code: string; message: string } | null;
  failureCount: number;
  lastPollAt: string | null;
  nextPollAt: string | null;
  /** The engine ID of the current series, and when the series began (null: with the host). */
  engineId: string | null;
  seriesStartedAt: string | null;
};

export type NewHost = {
  name: string;
  endpoint: string;
  tls?: { caPath: string; certPath: string; keyPath: string; verify: boolean } | null;
  agent?: { token: string; fingerprint: string } | null;
  pollIntervalSec?: number;
  pricePerGbMonth?: number | null;
};

type HostRow = Awaited<ReturnType<ReturnType<typeof db>["host"]["findFirstOrThrow"]>>;

function toDto(row: HostRow): HostDto {
  return {
    id: row.id,
    name: row.name,
    endpoint: row.endpoint,
    tls:
      row.tlsCaPath && row.tlsCertPath && row.tlsKeyPath
        ? { caPath: row.tlsCaPath, certPath: row.tlsCertPath, keyPath: row.tlsKeyPath, verify: row.tlsVerify }
        : null,
    kind: row.endpoint.startsWith("https://") ? "agent" : "engine",
    agent: row.agentFingerprint ? { fingerprint: row.agentFingerprint } : null,
    enabled: row.enabled,
    pollIntervalSec: row.pollIntervalSec,
    pricePerGbMonth: row.pricePerGbMonth,
    createdAt: row.createdAt.toISOString(),
    status: (row.enabled ? row.status : "disabled") as HostStatus,
    statusSince: (row.statusSince ?? row.createdAt).toISOString(),
    lastError: row.lastErrorCode ? { code: row.lastErrorCode, message: row.lastErrorMessage ?? "" } : null,
    failureCount: row.failureCount,
    lastPollAt: row.lastPollAt?.toISOString() ?? null,
    nextPollAt: row.nextPollAt?.toISOString() ?? null,
    engineId: row.engineId,
    seriesStartedAt: row.seriesStartedAt?.toISOString() ?? null,
  };
}

export async function listHosts(): Promise<HostDto[]> {
  return (await db().host.findMany({ orderBy: { createdAt: "asc" } })).map(toDto);
}

export async function countHosts(): Promise<number> {
  return db().host.count();
}

export async function getHost(id: string): Promise<HostDto | null> {
  const row = await db().host.findUnique({ where: { id } });
  return row ? toDto(row) : null;
}

export async function getHostByName(name: string): Promise<HostDto | null> {
  const row = await db().host.findUnique({ where: { name } });
  return row ? toDto(row) : null;
}

export async function createHost(host: NewHost): Promise<HostDto> {
  const row = await db().host.create({
    data: {
      name: host.name,
      endpoint: host.endpoint,
      tlsCaPath: host.tls?.caPath ?? null,
      tlsCertPath: host.tls?.certPath ?? null,
      tlsKeyPath: host.tls?.keyPath ?? null,
      tlsVerify: host.tls?.verify ?? true,
      agentFingerprint: host.agent?.fingerprint ?? null,
      agentTokenEnc: host.agent ? sealSecret(host.agent.token) : null,
      pollIntervalSec: host.pollIntervalSec ?? 300,
      pricePerGbMonth: host.pricePerGbMonth ?? null,
    },
  });
  return toDto(row);
}
