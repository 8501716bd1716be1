import { describe, expect, it } from "vitest";
import { checkAgent, withAgentReadings } from "@/lib/collect/agentReadings";
import type { EngineClient } from "@/lib/collect/engine";
import { PollFailure } from "@/lib/collect/pollFailure";
import type { HostSnapshot } from "@/lib/collect/schema";

const clientAnswering = (info: unknown) => {
  const agent = { get: async () => info };
  return { client: { endpoint: "https://agent:9443", agent } as unknown as EngineClient, agent };
};

describe("agent readings", () => {
  it("refuses an agent that speaks another protocol, naming both versions", async () => {
    const { client, agent } = clientAnswering({ agent: "ballast-agent", version: "9.0.0", protocol: 2, allowActions: false });
    const error = await checkAgent(client, agent).catch((e) => e);
    expect(error).toBeInstanceOf(PollFailure);
    expect(error.code).toBe("agent_version");
    expect(error.message).toMatch(/protocol 2; this Ballast speaks 1/);
  });

  it("refuses something that is not an agent", async () => {
    const { client, agent } = clientAnswering({ hello: "world" });
    expect((await checkAgent(client, agent).catch((e) => e)).code).toBe("invalid_response");
  });

  it("merges log bytes by container ID (null where the agent did not see one) and the disk figures", () => {
    const container = (id: string) => ({ id, logBytes: null }) as unknown as HostSnapshot["containers"][number];
    const snapshot = { containers: [container("a".repeat(64)), container("b".repeat(64))] } as HostSnapshot;
    const fs = { path: "/var/lib/docker", sizeBytes: 10, usedBytes: 4, freeBytes: 5, freeInodes: 3 };
    const merged = withAgentReadings(snapshot, {
      info: { agent: "ballast-agent", version: "0.1.0", protocol: 1, allowActions: true },
      logs: { containers: [{ id: "a".repeat(64), driver: "json-file", bytes: 123, files: [] }] },
      disk: { disk: fs, disks: [fs], stores: [], problems: [] },
    });
    expect(merged.containers.map((c) => c.logBytes)).toEqual([123, null]);
    expect(merged.disk).toEqual(fs);
    expect(merged.agent).toEqual({ version: "0.1.0", protocol: 1 });
  });
});
