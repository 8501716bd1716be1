import fs from "node:fs";

/** Checks that TLS files exist and are readable; returns a plain-words problem or null. */
export function checkTlsFiles(tls: { caPath: string; certPath: string; keyPath: string }): string | null {
  for (const [what, file] of [
    ["CA certificate", tls.caPath],
    ["client certificate", tls.certPath],
    ["client key", tls.keyPath],
  ] as const) {
    try {
      fs.accessSync(file, fs.constants.R_OK);
    } catch {
      return `The ${what} ${file} does not exist or cannot be read by Ballast`;
    }
  }
  return null;
}
