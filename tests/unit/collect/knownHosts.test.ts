import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { hostKeyName, parseKnownHosts, verifyHostKey } from "@/lib/collect/knownHosts";

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
});
