import type { z } from "zod";
import { AGENT_PROTOCOL, agentDiskSchema, agentInfoSchema, agentLogsSchema, type AgentDisk, type AgentInfo, type AgentLogs } from "@/lib/agent/protocol";
import type { EngineClient } from "./engine";
import { PollFailure } from "./pollFailure";
import type { HostSnapshot } from "./schema";

// What a Ballast host agent adds to a snapshot: log bytes per container and the filesystems Docker's
// bytes live on. The Engine API part of the snapshot is collected exactly as for a direct engine (the
// agent proxies it); these readings are merged in afterwards.

export type AgentReadings = { info: AgentInfo; logs: AgentLogs; disk: AgentDisk };

type Agent = NonNullable<EngineClient["agent"]>;

async function read<S extends z.ZodType>(client: EngineClient, agent: Agent, schema: S, path: string): Promise<z.infer<S>> {
  const parsed = schema.safeParse(await agent.get(path));
  if (!parsed.success) throw new PollFailure("invalid_response", `The agent at ${client.endpoint} answered ${path} in an unexpected shape`);
  return parsed.data;
}

/** The agent's version, refused with a clear error when its protocol is not the one Ballast speaks. */
export async function checkAgent(client: EngineClient, agent: Agent): Promise<AgentInfo> {
  const info = await read(client, agent, agentInfoSchema, "/info");
  if (info.protocol !== AGENT_PROTOCOL) {
    throw new PollFailure(
      "agent_version",
      `The agent at ${client.endpoint} (version ${info.version}) speaks agent protocol ${info.protocol}; this Ballast speaks ${AGENT_PROTOCOL}: run the agent from the same Ballast release`,
    );
  }
  return info;
}

export async function readAgent(client: EngineClient, agent: Agent, info: AgentInfo): Promise<AgentReadings> {
  return { info, logs: await read(client, agent, agentLogsSchema, "/logs"), disk: await read(client, agent, agentDiskSchema, "/disk") };
}

/** Pure merge: each container's log bytes (null where the agent did not see it) and the disk figures. */
export function withAgentReadings(snapshot: HostSnapshot, readings: AgentReadings): HostSnapshot {
  const logBytes = new Map(readings.logs.containers.map((container) => [container.id, container.bytes]));
  return {
    ...snapshot,
    containers: snapshot.containers.map((container) => ({ ...container, logBytes: logBytes.get(container.id) ?? null })),
    agent: { version: readings.info.version, protocol: readings.info.protocol },
    disk: readings.disk.disk,
    disks: readings.disk.disks,
    stores: readings.disk.stores,
  };
}
