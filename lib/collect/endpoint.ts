// Parses the endpoint strings users type (and DOCKER_HOST) into a connection description.
// Kept free of dockerode so it can be unit-tested and used to validate API input.

export type TlsFiles = { caPath: string; certPath: string; keyPath: string; verify: boolean };

export type Endpoint =
  | { kind: "unix"; socketPath: string }
  | { kind: "tcp"; host: string; port: number; tls: TlsFiles | null }
  | { kind: "ssh"; host: string; port: number; username: string };

export class EndpointError extends Error {}

/** Parses `unix:///path`, `tcp://host:port` (TLS when files are given) and `ssh://user@host[:port]`. */
export function parseEndpoint(text: string, tls: TlsFiles | null = null): Endpoint {
  const value = text.trim();
  if (value.startsWith("unix://")) {
    const socketPath = value.slice("unix://".length);
    if (!socketPath.startsWith("/")) throw new EndpointError(`"${value}" needs an absolute socket path, like unix:///var/run/docker.sock`);
    return { kind: "unix", socketPath };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new EndpointError(`"${value}" is not an endpoint: use unix:///path, tcp://host:port or ssh://user@host`);
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
    return { kind: "ssh", host: stripBrackets(url.hostname), port: url.port ? Number(url.port) : 22, username: decodeURIComponent(url.username) };
  }
  throw new EndpointError(`"${value}" uses ${url.protocol.replace(":", "")}://, which is not supported: use unix://, tcp:// or ssh://`);
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
  }
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
