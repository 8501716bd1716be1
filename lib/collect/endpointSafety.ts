import type { LookupAddress } from "node:dns";
import dns from "node:dns/promises";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { config } from "@/lib/config";
import { formatEndpoint, type Endpoint, type TlsFiles } from "./endpoint";

// Which endpoints Ballast will connect to (README §Security). Every endpoint kind passes through
// `endpointRefusal` before anything is dialled — when a host is added and again before a client's first
// request (lib/collect/engine.ts, `checkEndpoint`, which also resolves host names once and hands the
// checked addresses to the transports) — so a refused endpoint is never polled:
// - unix:// must name a socket;
// - TLS files must be readable regular files under BALLAST_TLS_DIR (default: DOCKER_CERT_PATH or
//   ~/.docker); the answer is the same whether a file elsewhere exists or not;
// - link-local and cloud metadata addresses (169.254.0.0/16, fe80::/10, fd00:ec2::254) are refused
//   unless BALLAST_ALLOWED_ENDPOINTS names the endpoint;
// - BALLAST_ALLOWED_ENDPOINTS (comma-separated globs over the endpoint as shown, e.g.
//   `tcp://10.0.*:2376,unix:///var/run/docker.sock`), when set, is the only list allowed.

/** The settings these checks read (lib/config.ts); tests pass their own. */
export type SafetySettings = { BALLAST_ALLOWED_ENDPOINTS?: string; BALLAST_TLS_DIR?: string; DOCKER_CERT_PATH?: string };
const settingsNow = (): SafetySettings => config();

const metadata = new net.BlockList();
metadata.addSubnet("169.254.0.0", 16, "ipv4");
metadata.addSubnet("fe80::", 10, "ipv6");
metadata.addAddress("fd00:ec2::254", "ipv6");

/** Is this IP address link-local or a cloud metadata address? (IPv4-mapped IPv6 counts as its IPv4.) */
export function isMetadataAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const ip = mapped ? mapped[1] : address;
  const type = net.isIP(ip);
  return type !== 0 && metadata.check(ip, type === 6 ? "ipv6" : "ipv4");
}

function globMatches(pattern: string, text: string): boolean {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
  return new RegExp(`^${escaped}$`, "i").test(text);
}

/** null when no allow-list is set; else whether the endpoint is on it. */
export function onAllowList(endpoint: Endpoint, env: SafetySettings = settingsNow()): boolean | null {
  const list = (env.BALLAST_ALLOWED_ENDPOINTS ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (list.length === 0) return null;
  const shown = formatEndpoint(endpoint);
  return list.some((pattern) => globMatches(pattern, shown));
}

/** Where TLS files may live. */
export function tlsDirectories(env: SafetySettings = settingsNow()): string[] {
  const configured = (env.BALLAST_TLS_DIR ?? "").split(path.delimiter).filter(Boolean);
  const dirs = configured.length > 0 ? configured : [env.DOCKER_CERT_PATH || path.join(os.homedir(), ".docker")];
  return dirs.map((dir) => path.resolve(dir));
}

function realDir(dir: string): string | null {
  try {
    return fs.realpathSync(dir);
  } catch {
    return null;
  }
}

/** A plain-words problem with one TLS file, or null. One message for every failure: it never tells whether a file exists. */
export function tlsFileProblem(what: string, file: string, env: SafetySettings = settingsNow()): string | null {
  const dirs = tlsDirectories(env);
  const refusal = `The ${what} must be a readable file under BALLAST_TLS_DIR (${dirs.join(path.delimiter)})`;
  if (!path.isAbsolute(file) || /[\u0000-\u001f\u007f]/.test(file)) return refusal;
  const allowedRoots = dirs.map(realDir).filter((dir): dir is string => dir !== null);
  // Decide on the path as given before touching the file system: nothing outside the directory is even stat'ed.
  const lexical = path.resolve(file);
  if (!dirs.some((dir) => lexical.startsWith(dir + path.sep) || allowedRoots.some((root) => lexical.startsWith(root + path.sep)))) return refusal;
  try {
    const real = fs.realpathSync(lexical);
    if (!allowedRoots.some((root) => real.startsWith(root + path.sep))) return refusal;
    if (!fs.statSync(real).isFile()) return refusal;
    fs.accessSync(real, fs.constants.R_OK);
  } catch {
    return refusal;
  }
  return null;
}

export function tlsFilesProblem(tls: Pick<TlsFiles, "caPath" | "certPath" | "keyPath">, env: SafetySettings = settingsNow()): string | null {
  return (
    tlsFileProblem("CA certificate", tls.caPath, env) ??
    tlsFileProblem("client certificate", tls.certPath, env) ??
    tlsFileProblem("client key", tls.keyPath, env)
  );
}

function hostOf(endpoint: Endpoint): string | null {
  return endpoint.kind === "unix" ? null : endpoint.host;
}

/**
 * Why Ballast will not connect to this endpoint, or null. Checks only what needs no network: IP
 * literals, the socket, the TLS files and the allow-list (see `checkEndpoint` for host names).
 */
export function endpointRefusal(endpoint: Endpoint, env: SafetySettings = settingsNow()): string | null {
  const shown = formatEndpoint(endpoint);
  if (/[\u0000-\u001f\u007f]/.test(shown)) return "An endpoint may not hold control characters";
  const allowed = onAllowList(endpoint, env);
  if (allowed === false) return `${shown} is not on BALLAST_ALLOWED_ENDPOINTS`;
  const host = hostOf(endpoint);
  if (host !== null && isMetadataAddress(host) && allowed !== true)
    return `${shown} is a link-local or cloud metadata address; name it in BALLAST_ALLOWED_ENDPOINTS to allow it`;
  if (endpoint.kind === "unix") {
    let socket = false;
    try {
      socket = fs.statSync(endpoint.socketPath).isSocket();
    } catch {
      socket = false;
    }
    if (!socket) return `${shown} is not a Unix socket Ballast can open`;
  }
  if (endpoint.kind === "tcp" && endpoint.tls) return tlsFilesProblem(endpoint.tls, env);
  return null;
}

/** Resolves a host name to all its addresses (dns.lookup by default; tests inject their own). */
export type Resolver = (host: string) => Promise<LookupAddress[]>;

export const systemResolver: Resolver = (host) => dns.lookup(host, { all: true, verbatim: true });

/**
 * What the check decided: a refusal, or the go-ahead with the addresses a host name resolved to.
 * `addresses` is null for unix sockets and IP literals (nothing to resolve). The transports connect
 * to exactly these addresses (pinnedLookup.ts): resolving again at connect would let a name rebind.
 */
export type CheckedEndpoint = { refusal: string } | { refusal: null; addresses: LookupAddress[] | null };

/**
 * Like endpointRefusal, and a host name is resolved once here and must not resolve to a link-local or
 * metadata address either. A name that does not resolve throws the resolver's error (ENOTFOUND: the
 * poll fails as `dns`), so no connection is tried with an unchecked address.
 */
export async function checkEndpoint(endpoint: Endpoint, env: SafetySettings = settingsNow(), resolve: Resolver = systemResolver): Promise<CheckedEndpoint> {
  const refusal = endpointRefusal(endpoint, env);
  if (refusal) return { refusal };
  const host = hostOf(endpoint);
  if (host === null || net.isIP(host) !== 0) return { refusal: null, addresses: null };
  const addresses = (await resolve(host)).filter(({ address }) => net.isIP(address) !== 0);
  if (addresses.length === 0) throw Object.assign(new Error(`${host} has no address`), { code: "ENOTFOUND" });
  // A name on the allow-list may resolve anywhere; it is still pinned to what it resolved to now.
  if (onAllowList(endpoint, env) !== true && addresses.some(({ address }) => isMetadataAddress(address)))
    return { refusal: `${formatEndpoint(endpoint)} resolves to a link-local or cloud metadata address; name it in BALLAST_ALLOWED_ENDPOINTS to allow it` };
  return { refusal: null, addresses };
}
