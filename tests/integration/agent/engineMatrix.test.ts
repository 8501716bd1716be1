import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { collectSnapshot } from "@/lib/collect/collectSnapshot";
import { createEngineClient } from "@/lib/collect/engine";
import { parseEndpoint } from "@/lib/collect/endpoint";
import { startAgent, type RunningAgent } from "../../support/agentProcess";

// The agent in front of every newer engine of the test matrix (read-only: the shared matrix engines are
// only polled): the collector's versioned paths pass the allow-list, the snapshot through the agent
// equals the direct one, and with the containerd image store the agent measures containerd's root.

const matrix = inject("matrixHosts");

describe.each(matrix)("the agent in front of $name", ({ name, dockerHost }) => {
  let agent: RunningAgent;
  beforeAll(async () => {
    agent = await startAgent({ dockerHost, stateDir: fs.mkdtempSync(path.join(inject("testRoot"), `agent-${name}-`)) });
  });
  afterAll(async () => agent?.stop());

  it("reads the same snapshot as a direct poll, at the negotiated API version, plus disk and stores", async () => {
    const direct = await collectSnapshot(createEngineClient(parseEndpoint(dockerHost)));
    const viaAgent = await collectSnapshot(createEngineClient(parseEndpoint(agent.endpoint, null, { token: agent.token, fingerprint: agent.fingerprint })));
    expect(viaAgent.engine.apiVersion).toBe(direct.engine.apiVersion);
    expect(viaAgent.layersSizeBytes).toBe(direct.layersSizeBytes);
    expect(viaAgent.images.map((image) => image.id).sort()).toEqual(direct.images.map((image) => image.id).sort());
    expect(viaAgent.disk?.path).toBe(direct.engine.dataRoot);
    expect(viaAgent.containers.every((container) => container.logBytes !== null)).toBe(true);
    const containerd = viaAgent.stores?.find((store) => store.name === "containerd");
    expect(containerd?.path).toBe(path.join(direct.engine.dataRoot, "containerd", "daemon"));
    expect(containerd!.bytes).toBe(Number(execFileSync("du", ["-sxB1", containerd!.path], { encoding: "utf8" }).split("\t")[0]));
    if (name.endsWith("containerd")) expect(direct.engine.imageStore).toBe("containerd");
    expect(agent.output()).not.toMatch(/refused/);
  });
});
