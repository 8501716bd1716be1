import { describe, expect, it } from "vitest";
import { checkEngineRequest } from "@/lib/agent/allowList";

const ID = "a".repeat(64);
const allowed = (method: string, target: string, actions = true) => checkEngineRequest(method, target, actions).allowed;
const code = (method: string, target: string, actions = true) => {
  const verdict = checkEngineRequest(method, target, actions);
  return verdict.allowed ? "allowed" : verdict.code;
};

describe("the agent's allow-list", () => {
  it("passes what the collector reads, with or without an API version prefix", () => {
    for (const target of [
      "/_ping",
      "/version",
      "/info",
      "/system/df",
      "/system/df?type=image",
      "/images/json?all=true",
      `/images/sha256:${ID}/json`,
      `/images/sha256:${ID}/history`,
      "/containers/json?all=true",
      `/containers/${ID}/json`,
      `/containers/json?all=true&filters=${encodeURIComponent(JSON.stringify({ id: [ID] }))}`,
      `/volumes?filters=${encodeURIComponent(JSON.stringify({ name: ["data"] }))}`,
      `/events?since=1796131086.125&until=1796131386&filters=${encodeURIComponent(JSON.stringify({ type: ["image", "container", "volume"] }))}`,
    ]) {
      expect(allowed("GET", target), target).toBe(true);
      expect(allowed("GET", `/v1.41${target}`), `/v1.41${target}`).toBe(true);
      expect(allowed("GET", `/v1.52${target}`), `/v1.52${target}`).toBe(true);
    }
  });

  it("passes the approved cleanups' deletions only with --allow-actions", () => {
    const deletions: [string, string][] = [
      ["DELETE", "/images/ballast-test/app-a:1?noprune=false"],
      ["DELETE", `/images/sha256:${ID}?noprune=false`],
      ["DELETE", `/containers/${ID}`],
      ["DELETE", "/volumes/bt-orphan"],
      ["POST", `/build/prune?all=true&filters=${encodeURIComponent(JSON.stringify({ id: ["^abc123$"] }))}`],
    ];
    for (const [method, target] of deletions) {
      expect(code(method, target, true), target).toBe("allowed");
      expect(code(method, target, false), target).toBe("actions_disabled");
      expect(code(method, `/v1.44${target}`, true), target).toBe("allowed");
    }
  });

  it("refuses force, v=true, unfiltered prunes, exec, create, logs and unknown parameters", () => {
    for (const [method, target] of [
      ["DELETE", `/containers/${ID}?force=true`],
      ["DELETE", `/containers/${ID}?v=true`],
      ["DELETE", `/containers/${ID}?v=1`],
      ["DELETE", "/images/app:1?force=true"],
      ["DELETE", "/images/app:1?noprune=true"],
      ["DELETE", "/volumes/data?force=1"],
      ["POST", "/build/prune"],
      ["POST", "/build/prune?all=true"],
      ["POST", `/build/prune?filters=${encodeURIComponent(JSON.stringify({ id: ["abc"] }))}`],
      ["POST", `/build/prune?filters=${encodeURIComponent(JSON.stringify({ until: ["1h"] }))}`],
      ["POST", "/images/prune"],
      ["POST", "/containers/prune"],
      ["POST", "/volumes/prune"],
      ["POST", "/containers/create"],
      ["POST", `/containers/${ID}/exec`],
      ["POST", `/containers/${ID}/start`],
      ["GET", `/containers/${ID}/logs?stdout=1`],
      ["GET", `/containers/${ID}/archive?path=/etc`],
      ["GET", "/images/json?filters=%7B%7D"],
      ["GET", `/containers/json?filters=${encodeURIComponent(JSON.stringify({ label: ["x"] }))}`],
      ["GET", "/containers/json?all=true&all=false"],
      ["GET", "/containers/json?all=maybe"],
      ["GET", "/system/df?type=secrets"],
      ["GET", "/events?since=1796131086"],
      ["GET", "/events?since=1796131086&until=1796131386&filters=%7B%22container%22%3A%5B%22x%22%5D%7D"],
      ["GET", "/v1.41/../version"],
      ["GET", "/images/..%2f..%2fversion/json"],
      ["GET", "//version"],
      ["GET", "/v2.0/version"],
      ["GET", "/swarm"],
      ["POST", "/version"],
      ["GET", "/version?x=1?y=2"],
    ]) {
      expect(code(method, target), `${method} ${target}`).toBe("not_allowed");
    }
  });
});
