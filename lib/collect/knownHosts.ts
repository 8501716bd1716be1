import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { config } from "@/lib/config";

// SSH host key checking for ssh:// endpoints against an OpenSSH known_hosts file, by OpenSSH's own
// rules (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT", hostfile.c, match.c), strictly: an unknown, changed or
// revoked key refuses the connection (Ballast cannot ask a person, as `ssh` would).
// - The name looked up is `host` on port 22 and `[host]:port` otherwise, lower-cased.
// - A line's patterns are a comma list of globs (`*`, `?`); a matching `!pattern` makes the whole
//   line not apply to that host, whatever else on the line matches.
// - `|1|salt|hash` is a hashed name: HMAC-SHA1(salt, name) = hash.
// - `@revoked` lines name keys that must never be accepted for the hosts they match.
// - `@cert-authority` lines hold CA keys that sign host certificates: never a host key themselves
//   (Ballast does not accept host certificates, so they match nothing).

export type HostKeyVerdict = "known" | "unknown" | "changed" | "revoked";

export type KnownHostsEntry = { marker: "revoked" | "cert-authority" | null; patterns: string[]; keyType: string; key: Buffer };

/** BALLAST_SSH_KNOWN_HOSTS, else the Ballast user's ~/.ssh/known_hosts. */
export function knownHostsPath(configured = config().BALLAST_SSH_KNOWN_HOSTS): string {
  return configured || path.join(os.homedir(), ".ssh", "known_hosts");
}

export function parseKnownHosts(text: string): KnownHostsEntry[] {
  const entries: KnownHostsEntry[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const fields = line.split(/\s+/);
    let marker: KnownHostsEntry["marker"] = null;
    if (fields[0].startsWith("@")) {
      const name = fields.shift()!.slice(1);
      // An unknown marker: OpenSSH skips the line.
      if (name !== "revoked" && name !== "cert-authority") continue;
      marker = name;
    }
    if (fields.length < 3) continue;
    entries.push({ marker, patterns: fields[0].split(","), keyType: fields[1], key: Buffer.from(fields[2], "base64") });
  }
  return entries;
}

function globMatches(pattern: string, name: string): boolean {
  const escaped = pattern
    .toLowerCase()
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${escaped}$`).test(name);
}

function hashedMatches(pattern: string, name: string): boolean {
  const [, , salt, hash] = pattern.split("|");
  if (!salt || !hash) return false;
  const digest = crypto.createHmac("sha1", Buffer.from(salt, "base64")).update(name).digest();
  const expected = Buffer.from(hash, "base64");
  return expected.length === digest.length && crypto.timingSafeEqual(expected, digest);
}

/** The name OpenSSH looks up: `host` on port 22, `[host]:port` otherwise. */
export function hostKeyName(host: string, port: number): string {
  const lower = host.toLowerCase();
  return port === 22 ? lower : `[${lower}]:${port}`;
}

/** Does this line apply to `name`? A negated match wins over any positive one (match_hostname). */
export function lineMatchesHost(patterns: string[], name: string): boolean {
  let positive = false;
  for (const pattern of patterns) {
    if (pattern.startsWith("|1|")) {
      if (hashedMatches(pattern, name)) positive = true;
    } else if (pattern.startsWith("!")) {
      if (globMatches(pattern.slice(1), name)) return false;
    } else if (globMatches(pattern, name)) positive = true;
  }
  return positive;
}

/** Is `key` (the server's raw host key blob) the one known_hosts lists for host:port? */
export function verifyHostKey(entries: KnownHostsEntry[], host: string, port: number, key: Buffer): HostKeyVerdict {
  const name = hostKeyName(host, port);
  const forHost = entries.filter((entry) => lineMatchesHost(entry.patterns, name));
  if (forHost.some((entry) => entry.marker === "revoked" && entry.key.equals(key))) return "revoked";
  const hostKeys = forHost.filter((entry) => entry.marker === null);
  if (hostKeys.length === 0) return "unknown";
  return hostKeys.some((entry) => entry.key.equals(key)) ? "known" : "changed";
}

/** An ssh2 `hostVerifier` for host:port that reads known_hosts when the connection is made. */
export function hostVerifierFor(host: string, port: number, file = knownHostsPath()): (key: Buffer) => boolean {
  return (key) => {
    // The file is the operator's, outside the project: keep the bundler from tracing it.
    const text = fs.existsSync(/* turbopackIgnore: true */ file) ? fs.readFileSync(/* turbopackIgnore: true */ file, "utf8") : "";
    return verifyHostKey(parseKnownHosts(text), host, port, key) === "known";
  };
}
