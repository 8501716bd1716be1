import "server-only";
import os from "node:os";
import { config } from "@/lib/config";
import { createEngineClient } from "@/lib/collect/engine";
import { endpointFromEnv, formatEndpoint } from "@/lib/collect/endpoint";
import { countHosts, createHost, getHostByName, type HostDto } from "@/lib/store/hosts";

export const LOCAL_HOST_NAME = "local";

/** BALLAST_POLL_INTERVAL: the interval new hosts get (lib/config.ts refuses a junk value at start). */
export function pollIntervalSec(): number {
  return config().BALLAST_POLL_INTERVAL;
}

/**
 * Registers the local engine (DOCKER_HOST or the default socket) as host "local" when it answers and
 * the fleet has no host yet — so a host a person deleted does not come back by itself.
 * Returns null when no engine is reachable: the dashboard then says so and how to add one.
 */
export async function ensureLocalHost(): Promise<HostDto | null> {
  const existing = await getHostByName(LOCAL_HOST_NAME);
  if (existing) return existing;
  if ((await countHosts()) > 0) return null;
  let endpoint;
  try {
    const { DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH } = config();
    endpoint = endpointFromEnv({ DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH, HOME: os.homedir() });
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
