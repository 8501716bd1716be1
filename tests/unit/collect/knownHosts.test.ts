import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hostKeyName, lineMatchesHost, parseKnownHosts, verifyHostKey } from "@/lib/collect/knownHosts";

const key = (text: string) => Buffer.from(text);
const b64 = (text: string) => key(text).toString("base64");
const hashed = (name: string, salt = Buffer.from("0123456789abcdefghij")) =>
  `|1|${salt.toString("base64")}|${crypto.createHmac("sha1", salt).update(name).digest("base64")}`;

describe("known_hosts checking", () => {
  const file = [
    "# comment",
    `build-1,10.0.0.7 ssh-ed25519 ${b64("key-a")}`,
    `[build-2]:2222 ssh-ed25519 ${b64("key-b")}`,
    `${hashed("[10.0.0.9]:2200")} ssh-ed25519 ${b64("key-c")}`,
    `*.ci.internal ssh-ed25519 ${b64("key-d")}`,
  ].join("\n");
  const entries = parseKnownHosts(file);

  it("names hosts the way OpenSSH does", () => {
    expect(hostKeyName("h", 22)).toBe("h");
    expect(hostKeyName("h", 2222)).toBe("[h]:2222");
    expect(hostKeyName("Build-1", 22)).toBe("build-1");
  });

  it("accepts the listed key, by name, address, port, hashed entry and wildcard", () => {
    expect(verifyHostKey(entries, "build-1", 22, key("key-a"))).toBe("known");
    expect(verifyHostKey(entries, "10.0.0.7", 22, key("key-a"))).toBe("known");
    expect(verifyHostKey(entries, "build-2", 2222, key("key-b"))).toBe("known");
    expect(verifyHostKey(entries, "10.0.0.9", 2200, key("key-c"))).toBe("known");
    expect(verifyHostKey(entries, "r1.ci.internal", 22, key("key-d"))).toBe("known");
  });

  it("refuses an unknown host and a changed key", () => {
    expect(verifyHostKey(entries, "build-3", 22, key("key-a"))).toBe("unknown");
    expect(verifyHostKey(entries, "build-2", 22, key("key-b"))).toBe("unknown");
    expect(verifyHostKey(entries, "build-1", 22, key("evil"))).toBe("changed");
  });

  it("refuses a key an @revoked line names for the host, even when a plain line lists it too", () => {
    const withRevoked = parseKnownHosts(`build-1 ssh-ed25519 ${b64("key-a")}\n@revoked build-* ssh-ed25519 ${b64("key-a")}`);
    expect(verifyHostKey(withRevoked, "build-1", 22, key("key-a"))).toBe("revoked");
    // The revocation applies to the hosts its line matches.
    const elsewhere = parseKnownHosts(`other ssh-ed25519 ${b64("key-a")}\n@revoked build-* ssh-ed25519 ${b64("key-a")}`);
    expect(verifyHostKey(elsewhere, "other", 22, key("key-a"))).toBe("known");
  });

  it("never takes an @cert-authority key for a host key", () => {
    const ca = parseKnownHosts(`@cert-authority *.ci.internal ssh-ed25519 ${b64("ca-key")}`);
    expect(verifyHostKey(ca, "r1.ci.internal", 22, key("ca-key"))).toBe("unknown");
    const both = parseKnownHosts(`@cert-authority * ssh-ed25519 ${b64("ca-key")}\nr1 ssh-ed25519 ${b64("key-r1")}`);
    expect(verifyHostKey(both, "r1", 22, key("ca-key"))).toBe("changed");
  });

  it("lets a matching !pattern take a line away from a host, whatever else on it matches", () => {
    expect(lineMatchesHost(["*.ci.internal", "!secret.ci.internal"], "secret.ci.internal")).toBe(false);
    expect(lineMatchesHost(["*.ci.internal", "!secret.ci.internal"], "r1.ci.internal")).toBe(true);
    expect(lineMatchesHost(["!secret.ci.internal"], "r1.ci.internal")).toBe(false);
    const negated = parseKnownHosts(`*.ci.internal,!secret.ci.internal ssh-ed25519 ${b64("key-d")}`);
    expect(verifyHostKey(negated, "secret.ci.internal", 22, key("key-d"))).toBe("unknown");
  });

  it("skips lines with an unknown marker, and matches names case-insensitively", () => {
    const odd = parseKnownHosts(`@future build-1 ssh-ed25519 ${b64("key-a")}\nBUILD-2 ssh-ed25519 ${b64("key-b")}`);
    expect(verifyHostKey(odd, "build-1", 22, key("key-a"))).toBe("unknown");
    expect(verifyHostKey(odd, "build-2", 22, key("key-b"))).toBe("known");
  });

  it("reads a file OpenSSH's own ssh-keygen hashed, with ports, as OpenSSH does", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ballast-kh-"));
    try {
      execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", path.join(dir, "k")]);
      const [type, blob] = fs.readFileSync(path.join(dir, "k.pub"), "utf8").split(" ");
      const known = path.join(dir, "known_hosts");
      fs.writeFileSync(known, `[127.0.0.1]:2222 ${type} ${blob}\nbuild-9 ${type} ${blob}\n`);
      execFileSync("ssh-keygen", ["-H", "-f", known], { stdio: "ignore" });
      const text = fs.readFileSync(known, "utf8");
      expect(text).not.toContain("build-9");
      // ssh-keygen -F finds the same entries our matcher finds.
      expect(execFileSync("ssh-keygen", ["-F", "[127.0.0.1]:2222", "-f", known], { encoding: "utf8" })).toContain(type);
      const entries = parseKnownHosts(text);
      const raw = Buffer.from(blob, "base64");
      expect(verifyHostKey(entries, "127.0.0.1", 2222, raw)).toBe("known");
      expect(verifyHostKey(entries, "build-9", 22, raw)).toBe("known");
      expect(verifyHostKey(entries, "127.0.0.1", 22, raw)).toBe("unknown");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
