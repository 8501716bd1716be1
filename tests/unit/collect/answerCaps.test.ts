import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AGENT_PREFIX } from "@/lib/agent/protocol";
import { ANSWER_CAPS, answerCapFor, UNKNOWN_KIND_CAP } from "@/lib/collect/answerCaps";

// Every request Ballast makes has a cap of its own (lib/collect/answerCaps.ts); anything else fails closed.

const MiB = 1024 * 1024;
const CEILING = 256 * MiB;

/** Paths Ballast's code asks engines and agents for, read from the source: a new kind of request shows up here. */
function requestedPaths(): string[] {
  // lib/agent is the agent itself (it talks to its local engine, not through Ballast's client).
  const files = (fs.readdirSync("lib", { recursive: true }) as string[])
    .filter((file) => file.endsWith(".ts") && !file.startsWith(`agent${path.sep}`) && !file.startsWith(`generated${path.sep}`))
    .map((file) => path.join("lib", file));
  const found = new Set<string>();
  const call = /(?:\.request|\bgetParsed|\brequestParsed|\bread|\bagent\.get)\(([^;\n]*)/g;
  // Batched GETs (imageFactsFetch.ts) name their paths as `{ schema, path: "/…" }`.
  const batched = /\bschema: \w+, path: (["`]\/[^"`]*["`])/g;
  for (const file of files) {
    const text = fs.readFileSync(file, "utf8");
    for (const [, args] of [...text.matchAll(call), ...text.matchAll(batched)]) {
      const literal = /["`](\/[^"`]*)["`]/.exec(args)?.[1];
      if (!literal) continue;
      const concrete = literal.replace(/\$\{[^}]*\}/g, "x");
      // The agent's readings (agentReadings.ts `read(client, agent, …)`) go under its own prefix.
      found.add(/^client, agent\b/.test(args) ? `${AGENT_PREFIX}${concrete}` : concrete);
    }
  }
  return [...found].sort();
}

describe("answer caps per request kind", () => {
  it("finds the requests Ballast makes, engine and agent alike", () => {
    const paths = requestedPaths();
    for (const expected of [
      "/version",
      "/info",
      "/system/df",
      "/images/json",
      "/containers/json",
      "/volumes",
      "/build/prune",
      "/volumes/x",
      "/images/x/history",
      `${AGENT_PREFIX}/logs`,
    ])
      expect(paths).toContain(expected);
  });

  it("gives every request Ballast makes an entry of its own (none falls back to the unknown-kind cap)", () => {
    const unlisted = requestedPaths().filter((requested) => !ANSWER_CAPS.some(([pattern]) => pattern.test(requested)));
    expect(unlisted).toEqual([]);
  });

  it.each([
    ["/version", 64 * 1024],
    ["/v1.41/info", 1 * MiB],
    ["/v1.41/system/df?verbose=1", 32 * MiB],
    ["/v1.45/images/sha256:abc/history", 1 * MiB],
    ["/v1.45/images/sha256:abc/json", 1 * MiB],
    ["/v1.45/images/registry.example/team/app:1", 1 * MiB],
    ["/v1.45/containers/abc", 64 * 1024],
    ["/v1.45/volumes/data", 64 * 1024],
    ["/v1.45/build/prune?all=true", 8 * MiB],
    [`${AGENT_PREFIX}/info`, 64 * 1024],
    [`${AGENT_PREFIX}/disk`, 64 * 1024],
    [`${AGENT_PREFIX}/logs`, 24 * MiB],
  ])("%s → %i bytes", (requested, cap) => {
    expect(answerCapFor(requested, CEILING)).toBe(cap);
  });

  it("fails closed: an unknown kind gets a small cap, and no cap exceeds the configured ceiling", () => {
    expect(UNKNOWN_KIND_CAP).toBeLessThanOrEqual(64 * 1024);
    for (const unknown of ["/v1.45/exec/abc/start", "/ballast/v1/whatever", "/plugins", "/"]) expect(answerCapFor(unknown, CEILING)).toBe(UNKNOWN_KIND_CAP);
    expect(answerCapFor("/v1.41/system/df", 1 * MiB)).toBe(1 * MiB);
  });
});
