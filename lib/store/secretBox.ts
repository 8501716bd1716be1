import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { config } from "@/lib/config";
import { databasePath } from "./databaseUrl";

// Secrets Ballast must send again later (an agent's bearer token) are stored encrypted with AES-256-GCM.
// The key is BALLAST_SECRET_KEY (32 bytes as 64 hex characters or base64), or else a key file created
// on first use beside the database (data/secret.key, 0600). A copied database alone reveals no token.

const FORMAT = "v1";
const AAD = Buffer.from("ballast:agent-token");

export class SecretKeyError extends Error {}

function keyFromText(text: string, source: string): Buffer {
  const value = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, "hex") : Buffer.from(value, "base64");
  if (key.length !== 32) throw new SecretKeyError(`${source} must hold 32 bytes, as 64 hex characters or base64 (openssl rand -hex 32)`);
  return key;
}

export function secretKeyFile(): string {
  return config().BALLAST_SECRET_KEY_FILE || path.join(path.dirname(databasePath()), "secret.key");
}

let cached: { source: string; key: Buffer } | null = null;

function secretKey(): Buffer {
  const { BALLAST_SECRET_KEY } = config();
  const source = BALLAST_SECRET_KEY ? "BALLAST_SECRET_KEY" : secretKeyFile();
  if (cached?.source === source) return cached.key;
  let key: Buffer;
  if (BALLAST_SECRET_KEY) key = keyFromText(BALLAST_SECRET_KEY, "BALLAST_SECRET_KEY");
  else {
    if (!fs.existsSync(source)) {
      fs.mkdirSync(path.dirname(source), { recursive: true });
      try {
        fs.writeFileSync(source, `${crypto.randomBytes(32).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
      } catch (error) {
        // Another process created it meanwhile: use theirs.
        if ((error as { code?: string }).code !== "EEXIST") throw error;
      }
    }
    key = keyFromText(fs.readFileSync(source, "utf8"), source);
  }
  cached = { source, key };
  return key;
}

export function sealSecret(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", secretKey(), iv);
  cipher.setAAD(AAD);
  const sealed = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [FORMAT, iv.toString("base64"), cipher.getAuthTag().toString("base64"), sealed.toString("base64")].join(":");
}

/** The plain secret, or null when it cannot be opened (another key): the host then fails with `auth`. */
export function openSecret(sealed: string): string | null {
  const [format, iv, tag, data] = sealed.split(":");
  if (format !== FORMAT || !iv || !tag || data === undefined) return null;
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", secretKey(), Buffer.from(iv, "base64"));
    decipher.setAAD(AAD);
    decipher.setAuthTag(Buffer.from(tag, "base64"));
    return Buffer.concat([decipher.update(Buffer.from(data, "base64")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
