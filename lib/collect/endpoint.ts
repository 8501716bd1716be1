// Parses the endpoint strings users type (and DOCKER_HOST) into a connection description.
// Kept free of dockerode so it can be unit-tested and used to validate API input.

export type TlsFiles = { caPath: string; certPath: string; keyPath: string; verify: boolean };

/** A Ballast host agent's secrets: the bearer token it printed and its certificate's SHA-256 fingerprint. */
export type AgentCredentials = { token: string; fingerprint: string };

export type Endpoint =
  | { kind: "unix"; socketPath: string }
  | { kind: "tcp"; host: string; port: number; tls: TlsFiles | null }
  | { kind: "ssh"; host: string; port: number; username: string }
  | { kind: "agent"; host: string; port: number; agent: AgentCredentials | null };

/** The agent's default port (`--listen 127.0.0.1:9443`). */
export const DEFAULT_AGENT_PORT = 9443;

export class EndpointError extends Error {}

/**
 * Parses `unix:///path`, `tcp://host:port` (TLS when files are given), `ssh://user@host[:port]` and
 * `https://host[:port]` (a Ballast host agent; its token and fingerprint are passed apart, never in the text).
 */
export function parseEndpoint(text: string, tls: TlsFiles | null = null, agent: AgentCredentials | null = null): Endpoint {
  const value = text.trim();
  // URL parsing drops tabs and newlines silently and decodes %0d%0a in user names: refuse them first.
  if (/[\u0000-\u001f\u007f]/.test(value)) throw new EndpointError("An endpoint may not hold control characters");
  if (value.startsWith("unix://")) {
    const socketPath = value.slice("unix://".length);
    if (!socketPath.startsWith("/")) throw new EndpointError(`"${value}" needs an absolute socket path, like unix:///var/run/docker.sock`);
    return { kind: "unix", socketPath };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new EndpointError(`"${value}" is not an endpoint: use unix:///path, tcp://host:port, ssh://user@host or https://agent-host:9443`);
  }
  if (url.pathname && url.pathname !== "/") throw new EndpointError(`"${value}" must not have a path`);
  if (url.protocol === "tcp:") {
    if (!url.hostname) throw new EndpointError(`"${value}" has no host name`);
    const port = url.port ? Number(url.port) : tls ? 2376 : 2375;
    return { kind: "tcp", host: stripBrackets(url.hostname), port, tls };
  }
  if (url.protocol === "ssh:") {
    if (!url.hostname) throw new EndpointError(`"${value}" has no host name`);
    if (!url.username) throw new EndpointError(`"${value}" needs a user name, like ssh://user@host`);
    if (url.password) throw new EndpointError("Put no password in an ssh:// endpoint: Ballast uses the SSH agent or key files");
    let username: string;
    try {
      username = decodeURIComponent(url.username);
    } catch {
      throw new EndpointError(`"${value}" has a user name that is not valid percent-encoding`);
    }
    if (/[\u0000-\u001f\u007f]/.test(username)) throw new EndpointError("An endpoint may not hold control characters");
    return { kind: "ssh", host: stripBrackets(url.hostname), port: url.port ? Number(url.port) : 22, username };
  }
  if (url.protocol === "https:") {
    if (!url.hostname) throw new EndpointError(`"${value}" has no host name`);
    if (url.username || url.password) throw new EndpointError("Put no user or token in an https:// endpoint: the agent's token is given apart");
    if (url.search || url.hash) throw new EndpointError(`"${value}" must not have a query`);
    return { kind: "agent", host: stripBrackets(url.hostname), port: url.port ? Number(url.port) : DEFAULT_AGENT_PORT, agent };
  }
  throw new EndpointError(`"${value}" uses ${url.protocol.replace(":", "")}://, which is not supported: use unix://, tcp://, ssh:// or https:// (agent)`);
}

function stripBrackets(hostname: string): string {
  return hostname.startsWith("[") ? hostname.slice(1, -1) : hostname;
}

/** The endpoint as shown to users and stored: never a secret (no passwords, no key material). */
export function formatEndpoint(endpoint: Endpoint): string {
  switch (endpoint.kind) {
    case "unix":
      return `unix://${endpoint.socketPath}`;
    case "tcp":
      return `tcp://${hostPort(endpoint.host, endpoint.port)}`;
    case "ssh":
      return `ssh://${endpoint.username}@${hostPort(endpoint.host, endpoint.port)}`;
    case "agent":
      return `https://${hostPort(endpoint.host, endpoint.port)}`;
  }
}

/**
 * A SHA-256 certificate fingerprint in the form `openssl x509 -fingerprint -sha256` prints (AA:BB:…),
 * from what a person pastes: any case, with or without colons, with or without a "sha256" / "SHA256
 * Fingerprint=" prefix. Null when it is not 32 bytes of hex.
 */
export function normalizeFingerprint(text: string): string | null {
  const hex = text
    .trim()
    .replace(/^sha-?256(\s+fingerprint)?\s*[=:]?\s*/i, "")
    .replace(/[:\s]/g, "")
    .toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) return null;
  return hex.match(/../g)!.join(":");
}

function hostPort(host: string, port: number): string {
  return `${host.includes(":") ? `[${host}]` : host}:${port}`;
}

export const DEFAULT_LOCAL_ENDPOINT = "unix:///var/run/docker.sock";

/** The local engine as the Docker CLI finds it: DOCKER_HOST (+ DOCKER_TLS_VERIFY/DOCKER_CERT_PATH) or the default socket. */
export function endpointFromEnv(env: Record<string, string | undefined>): Endpoint {
  const dockerHost = env.DOCKER_HOST?.trim() || DEFAULT_LOCAL_ENDPOINT;
  const certPath = env.DOCKER_CERT_PATH;
  const tls =
    env.DOCKER_TLS_VERIFY === "1" || certPath
      ? {
          caPath: `${certPath ?? `${env.HOME ?? ""}/.docker`}/ca.pem`,
          certPath: `${certPath ?? `${env.HOME ?? ""}/.docker`}/cert.pem`,
          keyPath: `${certPath ?? `${env.HOME ?? ""}/.docker`}/key.pem`,
          verify: env.DOCKER_TLS_VERIFY === "1",
        }
      : null;
  return parseEndpoint(dockerHost, dockerHost.startsWith("tcp://") ? tls : null);
}
