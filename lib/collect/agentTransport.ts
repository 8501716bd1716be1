import crypto from "node:crypto";
import type { IncomingMessage } from "node:http";
import https from "node:https";
import tls from "node:tls";
import type { LookupAddress } from "node:dns";
import type { LookupFunction } from "node:net";
import type { Endpoint } from "./endpoint";
import { pinnedLookup } from "./pinnedLookup";
import { PollFailure } from "./pollFailure";

// HTTPS to a Ballast host agent: bearer token on every request, the agent's self-signed certificate
// pinned by its SHA-256 fingerprint. Node only runs checkServerIdentity when the chain verifies, so the
// certificate is first fetched without sending anything, compared with the pin, and then trusted as the
// only CA of a keep-alive agent whose checkServerIdentity compares the fingerprint again on every
// connection. A different certificate fails with `tls` before the token leaves Ballast. Both the probe and
// the pool connect to the addresses endpointSafety.ts checked (pinnedLookup.ts), never to a fresh lookup.

export type AgentDial = (method: string, target: string, signal: AbortSignal) => Promise<IncomingMessage>;

const fingerprintOfDer = (der: Buffer) => crypto.createHash("sha256").update(der).digest("hex").toUpperCase().match(/../g)!.join(":");

const mismatch = (display: string, seen: string, pinned: string) =>
  new PollFailure("tls", `TLS: the certificate of ${display} has fingerprint ${seen}, not the pinned ${pinned}: check the agent's "fingerprint" line`);

/** The agent's certificate as PEM, after checking its fingerprint; nothing is sent on this connection. */
function pinnedCertificate(
  host: string,
  port: number,
  lookup: LookupFunction | undefined,
  pinned: string,
  display: string,
  signal: AbortSignal,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const servername = host.includes(":") || /^[\d.]+$/.test(host) ? undefined : host;
    const socket = tls.connect({ host, port, servername, lookup, rejectUnauthorized: false });
    const abort = () => socket.destroy(new PollFailure("timeout", `${display} did not finish the TLS handshake in time`));
    if (signal.aborted) abort();
    signal.addEventListener("abort", abort, { once: true });
    socket.once("close", () => signal.removeEventListener("abort", abort));
    socket.once("secureConnect", () => {
      const der = socket.getPeerCertificate(false)?.raw;
      socket.destroy();
      if (!der) return reject(new PollFailure("tls", `TLS: ${display} showed no certificate`));
      const seen = fingerprintOfDer(der);
      if (seen !== pinned) return reject(mismatch(display, seen, pinned));
      resolve(new crypto.X509Certificate(der).toString());
    });
    socket.once("error", reject);
  });
}

/** Reads a small refusal body (the agent's `{message, code}`) for the error text. */
async function refusalOf(res: IncomingMessage): Promise<{ message: string; code: string | null }> {
  let text = "";
  for await (const chunk of res) {
    text += chunk;
    if (text.length > 16_384) break;
  }
  try {
    const body = JSON.parse(text) as { message?: unknown; code?: unknown };
    return { message: typeof body.message === "string" ? body.message : text.slice(0, 200), code: typeof body.code === "string" ? body.code : null };
  } catch {
    return { message: text.slice(0, 200), code: null };
  }
}

/** `addresses`: what the host name was checked to resolve to (null for an IP literal). */
export function agentDial(endpoint: Extract<Endpoint, { kind: "agent" }>, addresses: LookupAddress[] | null, display: string): AgentDial {
  const { host, port, agent: credentials } = endpoint;
  const lookup = addresses ? pinnedLookup(host, addresses) : undefined;
  let agent: Promise<https.Agent> | null = null;
  const connection = (signal: AbortSignal) => {
    if (!credentials) throw new PollFailure("auth", `${display} is an agent host without a stored token: set it with PATCH /api/hosts/{id}`);
    agent ??= pinnedCertificate(host, port, lookup, credentials.fingerprint, display, signal).then(
      (ca) =>
        new https.Agent({
          keepAlive: true,
          maxSockets: 8,
          lookup,
          ca,
          checkServerIdentity: (_name, cert) => {
            const seen = fingerprintOfDer(cert.raw);
            return seen === credentials.fingerprint ? undefined : mismatch(display, seen, credentials.fingerprint);
          },
        }),
    );
    // A failed probe is not cached: the next request tries again (the agent may be back).
    agent.catch(() => (agent = null));
    return agent;
  };

  return async (method, target, signal) => {
    const pool = await connection(signal);
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = https.request({ host, port, method, path: target, agent: pool, signal, headers: { Authorization: `Bearer ${credentials!.token}` } }, resolve);
      req.on("error", reject);
      req.end();
    });
    const status = res.statusCode ?? 0;
    if (status >= 200 && status < 300) return res;
    const refusal = await refusalOf(res);
    if (status === 401 || status === 429)
      throw new PollFailure("auth", `The agent at ${display} refused Ballast's token (${status}): update it with PATCH /api/hosts/{id}`);
    // The shape docker-modem errors have, so the engine client maps it like an engine's own error.
    throw Object.assign(new Error(refusal.message), {
      statusCode: status,
      json: { message: refusal.code ? `${refusal.message} (agent: ${refusal.code})` : refusal.message },
    });
  };
}

/** Query string the way docker-modem builds it: objects as JSON, everything else as text. */
export function queryString(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    params.set(key, value !== null && typeof value === "object" && !Array.isArray(value) ? JSON.stringify(value) : String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}
