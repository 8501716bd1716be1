import "server-only";
import { createEngineClient } from "@/lib/collect/engine";
import { endpointFromEnv, formatEndpoint } from "@/lib/collect/endpoint";
import { createHost, getHostByName, type HostDto } from "@/lib/store/hosts";

export const LOCAL_HOST_NAME = "local";

export function pollIntervalSec(env: Record<string, string | undefined> = process.env): number {
  const value = Number(env.BALLAST_POLL_INTERVAL ?? 300);
  return Number.isFinite(value) && value >= 10 ? Math.round(value) : 300;
}

/**
 * Registers the local engine (DOCKER_HOST or the default socket) as host "local" when it answers.
 * Returns null when no engine is reachable: the dashboard then says so and how to add one.
 */
export async function ensureLocalHost(): Promise<HostDto | null> {
  const existing = await getHostByName(LOCAL_HOST_NAME);
  if (existing) return existing;
  let endpoint;
  try {
    endpoint = endpointFromEnv(process.env);
  } catch {
    return null;
  }
  try {
    await createEngineClient(endpoint, { timeoutMs: 5_000, maxResponseBytes: 1024 * 1024 }).request("GET", "/version");
  } catch {
    return null;
  }
  const tls = endpoint.kind === "tcp" ? endpoint.tls : null;
  try {
    return await createHost({ name: LOCAL_HOST_NAME, endpoint: formatEndpoint(endpoint), tls, pollIntervalSec: pollIntervalSec() });
  } catch {
    // Another start registered it at the same moment.
    return getHostByName(LOCAL_HOST_NAME);
  }
}
