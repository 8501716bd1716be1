import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

// The bearer token Ballast sends. Generated once (32 random bytes) when the token file does not exist,
// written 0600 and printed once; re-read on SIGHUP so a new file rotates it without a restart.

export type TokenFile = { token: string; created: boolean };

export function readOrCreateToken(file: string): TokenFile {
  if (fs.existsSync(file)) {
    const token = fs.readFileSync(file, "utf8").trim();
    if (token.length < 16) throw new Error(`${file} holds no usable token (fewer than 16 characters)`);
    return { token, created: false };
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const token = crypto.randomBytes(32).toString("base64url");
  // "wx": never overwrite a token file another start created meanwhile.
  fs.writeFileSync(file, `${token}\n`, { mode: 0o600, flag: "wx" });
  return { token, created: true };
}

const digest = (value: string) => crypto.createHash("sha256").update(value, "utf8").digest();

/** Constant-time comparison: both sides are hashed first, so neither content nor length leaks through timing. */
export function tokenMatches(given: string, expected: string): boolean {
  return crypto.timingSafeEqual(digest(given), digest(expected));
}

/** The token from an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer ([^\s]+)$/.exec(header ?? "");
  return match ? match[1] : null;
}
