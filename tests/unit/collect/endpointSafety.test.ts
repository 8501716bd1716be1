import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EndpointError, parseEndpoint } from "@/lib/collect/endpoint";
import { endpointRefusal, isMetadataAddress, tlsFileProblem } from "@/lib/collect/endpointSafety";

// Endpoint safety needs no network: every case here is decided before anything is dialled.

describe("endpoints Ballast refuses before connecting", () => {
  let dir: string;
  let socketPath: string;
  let server: net.Server;
  const tlsDir = () => path.join(dir, "tls");
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "ballast-safety-"));
    fs.mkdirSync(tlsDir());
    fs.writeFileSync(path.join(tlsDir(), "ca.pem"), "x");
    fs.mkdirSync(path.join(tlsDir(), "sub"));
    fs.symlinkSync("/etc/passwd", path.join(tlsDir(), "escape.pem"));
    socketPath = path.join(dir, "engine.sock");
    server = net.createServer();
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("refuses link-local and cloud metadata addresses (v4, v6, v4-mapped) unless allowed by name", () => {
    for (const address of ["169.254.169.254", "169.254.0.1", "fd00:ec2::254", "fe80::1", "::ffff:169.254.169.254"])
      expect(isMetadataAddress(address)).toBe(true);
    for (const address of ["127.0.0.1", "10.0.0.1", "::1", "fd00::1"]) expect(isMetadataAddress(address)).toBe(false);
    expect(endpointRefusal(parseEndpoint("tcp://169.254.169.254:80"), {})).toMatch(/metadata/);
    expect(endpointRefusal(parseEndpoint("tcp://[fd00:ec2::254]:80"), {})).toMatch(/metadata/);
    expect(endpointRefusal(parseEndpoint("ssh://u@169.254.169.254"), {})).toMatch(/metadata/);
    expect(endpointRefusal(parseEndpoint("https://169.254.169.254:9443"), {})).toMatch(/metadata/);
    expect(endpointRefusal(parseEndpoint("tcp://169.254.169.254:80"), { BALLAST_ALLOWED_ENDPOINTS: "tcp://169.254.169.254:80" })).toBeNull();
  });

  it("with BALLAST_ALLOWED_ENDPOINTS set, allows only what it names", () => {
    const settings = { BALLAST_ALLOWED_ENDPOINTS: "tcp://127.0.0.*:2375, ssh://ci@build-*:22" };
    expect(endpointRefusal(parseEndpoint("tcp://127.0.0.1:2375"), settings)).toBeNull();
    expect(endpointRefusal(parseEndpoint("ssh://ci@build-7"), settings)).toBeNull();
    expect(endpointRefusal(parseEndpoint("tcp://127.0.0.1:2376"), settings)).toMatch(/not on BALLAST_ALLOWED_ENDPOINTS/);
  });

  it("takes unix:// only for a socket, with one answer for a file and for nothing", () => {
    expect(endpointRefusal(parseEndpoint(`unix://${socketPath}`), {})).toBeNull();
    const file = endpointRefusal(parseEndpoint("unix:///etc/passwd"), {});
    const nothing = endpointRefusal(parseEndpoint("unix:///nonexistent/docker.sock"), {});
    expect(file).toMatch(/not a Unix socket/);
    expect(nothing?.replace("/nonexistent/docker.sock", "X")).toBe(file?.replace("/etc/passwd", "X"));
  });

  it("takes TLS files only as readable regular files under BALLAST_TLS_DIR, and never says whether a file elsewhere exists", () => {
    const settings = { BALLAST_TLS_DIR: tlsDir() };
    expect(tlsFileProblem("CA certificate", path.join(tlsDir(), "ca.pem"), settings)).toBeNull();
    const answers = [
      "/etc/shadow",
      "/etc/passwd",
      "/nonexistent/key.pem",
      path.join(tlsDir(), "escape.pem"),
      path.join(tlsDir(), "sub"),
      path.join(tlsDir(), "missing.pem"),
      `${tlsDir()}/../../etc/passwd`,
      "relative.pem",
    ].map((file) => tlsFileProblem("client key", file, settings));
    expect(new Set(answers)).toEqual(new Set([`The client key must be a readable file under BALLAST_TLS_DIR (${tlsDir()})`]));
  });

  it("refuses control characters anywhere in an endpoint, e.g. CR/LF in an ssh user name", () => {
    for (const text of ["ssh://a%0d%0ab@host", "ssh://a%00@host", "tcp://host\n:2375", "unix:///var/run/docker.sock\u0000x"]) {
      expect(() => parseEndpoint(text)).toThrow(EndpointError);
    }
  });
});
