import "server-only";
import net from "node:net";
import type { NextRequest } from "next/server";
import { config } from "@/lib/config";

// The client's address for the login limits. scripts/server.mjs passes the TCP peer in a header
// signed with a nonce it keeps on globalThis (same process; a client cannot forge it); X-Forwarded-For counts only when that
// peer is a proxy named in BALLAST_TRUSTED_PROXIES (addresses or CIDRs, comma-separated), and then
// the right-most address that is not itself a trusted proxy is the client.

const PEER_HEADER = "x-ballast-peer";
const NONCE = Symbol.for("ballast.peerNonce");

/** The nonce scripts/server.mjs signs the peer header with (tests set one to act as that server). */
export function peerNonce(): string | undefined {
  return (globalThis as Record<symbol, string | undefined>)[NONCE];
}

export function setPeerNonce(nonce: string | undefined): void {
  (globalThis as Record<symbol, string | undefined>)[NONCE] = nonce;
}

/** "::ffff:10.0.0.1" → "10.0.0.1"; anything that is not an IP address → null. */
export function normaliseAddress(text: string): string | null {
  const value = text.trim().replace(/^\[(.*)\]$/, "$1");
  const v4mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(value);
  const address = v4mapped ? v4mapped[1] : value;
  return net.isIP(address) ? address : null;
}

export function trustedProxies(text: string | undefined): net.BlockList {
  const list = new net.BlockList();
  for (const raw of (text ?? "").split(",")) {
    const [addressText, prefixText] = raw.trim().split("/");
    const address = addressText ? normaliseAddress(addressText) : null;
    if (!address) continue;
    const type = net.isIPv6(address) ? "ipv6" : "ipv4";
    if (prefixText === undefined) list.addAddress(address, type);
    else if (/^\d+$/.test(prefixText)) list.addSubnet(address, Number(prefixText), type);
  }
  return list;
}

const isTrusted = (list: net.BlockList, address: string) => list.check(address, net.isIPv6(address) ? "ipv6" : "ipv4");

/** The TCP peer scripts/server.mjs saw, or null (a test calling handlers in-process, or a forged header). */
export function peerAddress(request: NextRequest): string | null {
  const nonce = peerNonce();
  const header = request.headers.get(PEER_HEADER);
  if (!nonce || !header?.startsWith(`${nonce} `)) return null;
  return normaliseAddress(header.slice(nonce.length + 1));
}

export function clientAddress(request: NextRequest, trusted = config().BALLAST_TRUSTED_PROXIES): string {
  const peer = peerAddress(request);
  if (!peer) return "unknown";
  const proxies = trustedProxies(trusted);
  if (!isTrusted(proxies, peer)) return peer;
  const chain = (request.headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((part) => normaliseAddress(part))
    .filter((address): address is string => address !== null);
  for (let i = chain.length - 1; i >= 0; i--) if (!isTrusted(proxies, chain[i])) return chain[i];
  return chain[0] ?? peer;
}
