import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { failedAuthLimiter } from "@/lib/agent/failedAuthLimiter";
import { measureContainerLogs } from "@/lib/agent/logFiles";
import { parseAgentOptions } from "@/lib/agent/options";
import { bearerToken, tokenMatches } from "@/lib/agent/token";

describe("agent pieces", () => {
  it("compares tokens whatever their length", () => {
    expect(tokenMatches("abc", "abc")).toBe(true);
    expect(tokenMatches("abc", "abcd")).toBe(false);
    expect(tokenMatches("", "abc")).toBe(false);
    expect(bearerToken("Bearer xyz")).toBe("xyz");
    expect(bearerToken("bearer xyz")).toBeNull();
    expect(bearerToken("Bearer a b")).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
  });

  it("limits an address only after repeated failures, within the window", () => {
    const limiter = failedAuthLimiter(3, 1000);
    expect([0, 1, 2].map((t) => limiter.fail("a", t))).toEqual([false, false, false]);
    expect(limiter.fail("a", 3)).toBe(true);
    expect(limiter.fail("b", 3)).toBe(false);
    expect(limiter.fail("a", 5000)).toBe(false);
    expect(limiter.takeSuppressed()).toBe(1);
  });

  it("reads flags before their environment variables", () => {
    const options = parseAgentOptions(["--listen", "[::1]:9555", "--allow-actions"], {
      BALLAST_AGENT_LISTEN: "0.0.0.0:1",
      BALLAST_AGENT_STATE_DIR: "/srv/agent",
    });
    expect(options).toMatchObject({ host: "::1", port: 9555, allowActions: true, stateDir: "/srv/agent", tokenFile: "/srv/agent/token" });
    expect(parseAgentOptions([], {})).toMatchObject({ host: "127.0.0.1", port: 9443, allowActions: false });
    expect(() => parseAgentOptions(["--listen", "nowhere"], {})).toThrow(/HOST:PORT/);
    expect(() => parseAgentOptions(["--bogus"], {})).toThrow();
  });

  it("sums a container's active, rotated and compressed log files and nothing else", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "ballast-logs-unit-"));
    const id = "c".repeat(64);
    const dir = path.join(root, "containers", id);
    fs.mkdirSync(path.join(dir, "local-logs"), { recursive: true });
    const write = (name: string, size: number) => fs.writeFileSync(path.join(dir, name), Buffer.alloc(size));
    write(`${id}-json.log`, 100);
    write(`${id}-json.log.1`, 50);
    write(`${id}-json.log.2.gz`, 7);
    write("config.v2.json", 1000);
    write("hostconfig.json", 1000);
    write("local-logs/container.log", 30);
    const logs = measureContainerLogs({ id, driver: "json-file", logPath: path.join(dir, `${id}-json.log`) }, root);
    expect(logs.bytes).toBe(187);
    expect(logs.files).toHaveLength(4);
    fs.rmSync(root, { recursive: true, force: true });
  });
});
