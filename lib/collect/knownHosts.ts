import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { config } from "@/lib/config";

// SSH host key checking for ssh:// endpoints, against an OpenSSH known_hosts file, strictly: an
// unknown or changed key refuses the connection (Ballast cannot ask a person, as `ssh` would).

export type HostKeyVerdict = "known" | "unknown" | "changed";

type Entry = { patterns: string[]; keyType: string; key: Buffer };

/** BALLAST_SSH_KNOWN_HOSTS, else the Ballast user's ~/.ssh/known_hosts. */
export function knownHostsPath(configured = config().BALLAST_SSH_KNOWN_HOSTS): string {
  return configured || path.join(os.homedir(), ".ssh", "known_hosts");
}

export function parseKnownHosts(text: string): Entry[] {
  const entries: Entry[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#") || line.startsWith("@revoked")) continue;
    const fields = line.replace(/^@cert-authority\s+/, "").split(/\s+/);
    if (fields.length < 3) continue;
    entries.push({ patterns: fields[0].split(","), keyType: fields[1], key: Buffer.from(fields[2], "base64") });
  }
  return entries;
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${escaped}$`, "i");
}

/** The name OpenSSH looks up: `host` on port 22, `[host]:port` otherwise. */
export function hostKeyName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

function patternMatches(pattern: string, name: string): boolean {
  if (pattern.startsWith("|1|")) {
    const [, , salt, hash] = pattern.split("|");
    const digest = crypto.createHmac("sha1", Buffer.from(salt, "base64")).update(name).digest("base64");
    return digest === hash;
  }
  if (pattern.startsWith("!")) return false;
  return globToRegExp(pattern).test(name);
}

/** Is `key` (the server's raw host key blob) the one known_hosts lists for host:port? */
export function verifyHostKey(entries: Entry[], host: string, port: number, key: Buffer): HostKeyVerdict {
  const name = hostKeyName(host, port);
  const forHost = entries.filter((entry) => entry.patterns.some((pattern) => patternMatches(pattern, name)));
  if (forHost.length === 0) return "unknown";
  return forHost.some((entry) => entry.key.equals(key)) ? "known" : "changed";
}

/** An ssh2 `hostVerifier` for host:port that reads known_hosts when the connection is made. */
export function hostVerifierFor(host: string, port: number, file = knownHostsPath()): (key: Buffer) => boolean {
  return (key) => {
    // The file is the operator's, outside the project: keep the bundler from tracing it.
    const text = fs.existsSync(/* turbopackIgnore: true */ file) ? fs.readFileSync(/* turbopackIgnore: true */ file, "utf8") : "";
    return verifyHostKey(parseKnownHosts(text), host, port, key) === "known";
  };
}
