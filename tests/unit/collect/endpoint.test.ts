import { describe, expect, it } from "vitest";
import { endpointFromEnv, EndpointError, formatEndpoint, parseEndpoint } from "@/lib/collect/endpoint";

describe("parseEndpoint", () => {
  it("reads unix sockets, tcp with and without TLS, and ssh", () => {
    expect(parseEndpoint("unix:///var/run/docker.sock")).toEqual({ kind: "unix", socketPath: "/var/run/docker.sock" });
    expect(parseEndpoint("tcp://10.0.0.5:2375")).toEqual({ kind: "tcp", host: "10.0.0.5", port: 2375, tls: null });
    const tls = { caPath: "/c/ca.pem", certPath: "/c/cert.pem", keyPath: "/c/key.pem", verify: true };
    expect(parseEndpoint("tcp://docker.example", tls)).toEqual({ kind: "tcp", host: "docker.example", port: 2376, tls });
    expect(parseEndpoint("ssh://ops@build-1:2222")).toEqual({ kind: "ssh", host: "build-1", port: 2222, username: "ops" });
    expect(parseEndpoint("tcp://[::1]:2375")).toMatchObject({ host: "::1", port: 2375 });
  });

  it.each([
    ["http://docker:2375", /not supported/],
    ["unix://relative.sock", /absolute socket path/],
    ["ssh://host", /needs a user name/],
    ["ssh://u:secret@host", /no password/],
    ["tcp://host:2375/path", /must not have a path/],
    ["just words", /not an endpoint/],
  ])("refuses %s with a plain message", (text, message) => {
    expect(() => parseEndpoint(text)).toThrow(EndpointError);
    expect(() => parseEndpoint(text)).toThrow(message);
  });

  it("formats endpoints without secrets, the same way it parses them", () => {
    for (const text of ["unix:///run/docker.sock", "tcp://10.0.0.5:2375", "ssh://ops@build-1:22", "tcp://[::1]:2375"]) {
      expect(formatEndpoint(parseEndpoint(text))).toBe(text);
    }
  });
});

describe("endpointFromEnv", () => {
  it("defaults to the local socket and follows DOCKER_HOST and DOCKER_CERT_PATH like the Docker CLI", () => {
    expect(endpointFromEnv({})).toEqual({ kind: "unix", socketPath: "/var/run/docker.sock" });
    expect(endpointFromEnv({ DOCKER_HOST: "tcp://h:2376", DOCKER_TLS_VERIFY: "1", DOCKER_CERT_PATH: "/certs" })).toEqual({
      kind: "tcp",
      host: "h",
      port: 2376,
      tls: { caPath: "/certs/ca.pem", certPath: "/certs/cert.pem", keyPath: "/certs/key.pem", verify: true },
    });
  });
});
