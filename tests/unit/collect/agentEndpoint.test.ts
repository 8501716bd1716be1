import { describe, expect, it } from "vitest";
import { EndpointError, formatEndpoint, normalizeFingerprint, parseEndpoint } from "@/lib/collect/endpoint";

const FP = "D2:00:5F:D7:80:3E:40:B3:E2:55:16:BA:27:9C:1E:92:5F:40:D4:91:4E:37:5F:C4:B8:AF:83:6B:6F:09:07:19";

describe("agent endpoints", () => {
  it("parses https://host[:port] as an agent, default port 9443, credentials given apart", () => {
    const credentials = { token: "t".repeat(43), fingerprint: FP };
    expect(parseEndpoint("https://agent-1", null, credentials)).toEqual({ kind: "agent", host: "agent-1", port: 9443, agent: credentials });
    expect(parseEndpoint("https://[::1]:9555")).toEqual({ kind: "agent", host: "::1", port: 9555, agent: null });
    expect(formatEndpoint(parseEndpoint("https://10.0.0.5:9443", null, credentials))).toBe("https://10.0.0.5:9443");
    expect(() => parseEndpoint("https://me:secret@agent-1")).toThrow(EndpointError);
    expect(() => parseEndpoint("https://agent-1/path")).toThrow(EndpointError);
    expect(() => parseEndpoint("https://agent-1?token=x")).toThrow(EndpointError);
  });

  it("accepts the fingerprint in any case, with or without colons or openssl's prefix", () => {
    for (const text of [FP, FP.toLowerCase(), FP.replace(/:/g, ""), `sha256 ${FP}`, `SHA256 Fingerprint=${FP}`, ` ${FP.replace(/:/g, "").toLowerCase()} `]) {
      expect(normalizeFingerprint(text), text).toBe(FP);
    }
    expect(normalizeFingerprint("AB:CD")).toBeNull();
    expect(normalizeFingerprint("zz".repeat(32))).toBeNull();
  });
});
