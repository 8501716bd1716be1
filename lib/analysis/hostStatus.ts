// Pure: a host's status from its last poll, and when that status began.

export type HostStatus = "pending" | "ok" | "unreachable" | "degraded" | "disabled";

export const HOST_STATUSES: readonly HostStatus[] = ["ok", "degraded", "unreachable", "pending", "disabled"];

// Failures where Ballast never got an answer from the engine: the network, the name, the TLS or SSH
// handshake, or the deadline. Every other failure reached something that answered (an engine error,
// an invalid or oversized answer, something that is not Docker): the host is up but degraded.
const CONNECT_FAILURES = new Set(["dns", "refused", "unreachable", "timeout", "tls", "host_key"]);

export function statusAfterPoll(failureCode: string | null): HostStatus {
  if (failureCode === null) return "ok";
  return CONNECT_FAILURES.has(failureCode) ? "unreachable" : "degraded";
}

/** `statusSince` moves only when the status changes: "unreachable since 10:02", not "since the last retry". */
export function statusSinceAfter(previous: { status: string; statusSince: Date | null }, next: HostStatus, now: Date): Date | null {
  return previous.status === next ? previous.statusSince : now;
}
