// A failed poll is a value with a cause code, never a thrown string (STYLE.md §Errors).

export type PollFailureCode =
  | "dns"
  | "refused"
  | "unreachable"
  | "timeout"
  | "tls"
  | "auth"
  | "not_docker"
  | "too_large"
  | "engine_error"
  | "invalid_response"
  | "bad_endpoint"
  | "host_key"
  | "unsupported_api"
  | "agent_version"
  | "store_error";

export class PollFailure extends Error {
  constructor(
    readonly code: PollFailureCode,
    message: string,
  ) {
    super(message);
    this.name = "PollFailure";
  }
}

/**
 * Text that came from the other end (an engine's error message) as it may be shown: one line of
 * printable characters, at most 200 of them. Anything else a remote sends never reaches a person.
 */
export function remoteText(text: string): string {
  const line = text
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

type ErrorLike = { code?: string; message?: string; statusCode?: number; reason?: string; level?: string };

/** Maps whatever dockerode, node or ssh2 threw into a PollFailure with plain words. */
export function toPollFailure(error: unknown, endpoint: string): PollFailure {
  if (error instanceof PollFailure) return error;
  const e = (typeof error === "object" && error !== null ? error : { message: String(error) }) as ErrorLike;
  const code = e.code ?? "";
  const message = e.message ?? String(error);
  if (code === "ETIMEDOUT" || code === "ESOCKETTIMEDOUT" || /timed? ?out/i.test(message)) {
    return new PollFailure("timeout", `${endpoint} did not answer in time`);
  }
  // The three ways a connection fails get their own codes: each has a different fix.
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") {
    return new PollFailure("dns", `Cannot resolve the host name of ${endpoint} (${code}): check the name, or use an IP address`);
  }
  if (code === "ECONNREFUSED" || code === "ENOENT") {
    return new PollFailure("refused", `Cannot reach ${endpoint} (${code}): is the Docker engine running and the address right?`);
  }
  if (["EHOSTUNREACH", "ENETUNREACH", "ECONNRESET", "EPIPE"].includes(code)) {
    return new PollFailure("unreachable", `Cannot reach ${endpoint} (${code}): is the Docker engine running and the address right?`);
  }
  if (code === "EACCES") return new PollFailure("auth", `Permission denied opening ${endpoint}: the Ballast user needs access to the Docker socket`);
  if (/certificate|SSL|TLS|self.signed|ERR_TLS|wrong version number/i.test(code + message)) {
    return new PollFailure("tls", `TLS handshake with ${endpoint} failed (${code || "certificate refused"}): check the CA, certificate and key`);
  }
  if (/Host denied \(verification failed\)/.test(message)) {
    return new PollFailure(
      "host_key",
      `The SSH host key of ${endpoint} is not in Ballast's known_hosts (or changed): add it with ssh-keyscan after checking it`,
    );
  }
  if (e.level === "client-authentication" || /authentication|All configured authentication methods failed/i.test(message)) {
    return new PollFailure("auth", `SSH authentication to ${endpoint} failed: the SSH agent offered no key the host accepts`);
  }
  if (e.statusCode === 401 || e.statusCode === 403) return new PollFailure("auth", `${endpoint} refused the request (${e.statusCode})`);
  if (e.statusCode === 404) return new PollFailure("not_docker", `${endpoint} answered, but not like a Docker engine (404)`);
  if (typeof e.statusCode === "number") return new PollFailure("engine_error", `${endpoint} answered ${e.statusCode}`);
  // Whatever else was thrown (a library's own words, possibly echoing the remote end) stays in the server log.
  console.error(`[ballast] poll of ${endpoint} failed:`, error);
  return new PollFailure("unreachable", `Cannot read ${endpoint}${code ? ` (${code})` : ""}: the server log has the details`);
}
