import { parseEndpoint, type Endpoint } from "./endpoint";

/** The connection for a stored host (TLS file paths live beside the endpoint, never in it). */
export function endpointForHost(host: { endpoint: string; tls: { caPath: string; certPath: string; keyPath: string; verify: boolean } | null }): Endpoint {
  return parseEndpoint(host.endpoint, host.tls);
}
