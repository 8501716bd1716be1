import { parseEndpoint, type AgentCredentials, type Endpoint } from "./endpoint";

/** The connection for a stored host (TLS file paths and agent credentials live beside the endpoint, never in it). */
export function endpointForHost(
  host: { endpoint: string; tls: { caPath: string; certPath: string; keyPath: string; verify: boolean } | null },
  agent: AgentCredentials | null = null,
): Endpoint {
  return parseEndpoint(host.endpoint, host.tls, agent);
}
