import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// The agent's self-signed TLS certificate, created with Debian's openssl on first start and kept in the
// state folder (key 0600). Ballast pins its SHA-256 fingerprint, so no CA or host name is involved.

export type Certificate = { cert: string; key: string; fingerprint: string };

/** SHA-256 of the certificate's DER, as `openssl x509 -fingerprint -sha256` prints it (AA:BB:…). */
export function fingerprintOf(certPem: string): string {
  return new crypto.X509Certificate(certPem).fingerprint256;
}

export function loadOrCreateCertificate(stateDir: string): Certificate {
  const certPath = path.join(stateDir, "agent-cert.pem");
  const keyPath = path.join(stateDir, "agent-key.pem");
  if (!fs.existsSync(certPath) || !fs.existsSync(keyPath)) {
    fs.mkdirSync(stateDir, { recursive: true, mode: 0o700 });
    const subjectAltName = `subjectAltName=DNS:localhost,DNS:${os.hostname()},IP:127.0.0.1`;
    // The key is written to a temporary name with 0600 first, then renamed: it is never readable by others.
    const tmpKey = `${keyPath}.${process.pid}.tmp`;
    fs.writeFileSync(tmpKey, "", { mode: 0o600 });
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-days",
        "3650",
        "-subj",
        `/CN=ballast-agent ${os.hostname()}`.slice(0, 64),
        "-addext",
        subjectAltName,
        "-keyout",
        tmpKey,
        "-out",
        certPath,
      ],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    fs.chmodSync(tmpKey, 0o600);
    fs.renameSync(tmpKey, keyPath);
    fs.chmodSync(certPath, 0o600);
  }
  const cert = fs.readFileSync(certPath, "utf8");
  return { cert, key: fs.readFileSync(keyPath, "utf8"), fingerprint: fingerprintOf(cert) };
}
