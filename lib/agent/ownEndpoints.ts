import { mapWithConcurrency } from "../collect/concurrency";
import { containerdRootFor, measureDisk } from "./diskUsage";
import type { LocalEngine } from "./localEngine";
import { measureContainerLogs } from "./logFiles";
import type { AgentDisk, AgentLogs } from "./protocol";

// The agent's own answers: what only the host can see. The engine is asked for the data root and
// each container's log path; the files and filesystems are then read directly.

type Info = { DockerRootDir: string };
type ContainerSummary = { Id: string };
type ContainerInspect = { Id: string; LogPath?: string; HostConfig?: { LogConfig?: { Type?: string } } };

async function dataRoot(engine: LocalEngine): Promise<string> {
  return ((await engine.getJson("/info")) as Info).DockerRootDir;
}

export async function agentLogs(engine: LocalEngine): Promise<AgentLogs> {
  const root = await dataRoot(engine);
  const summaries = (await engine.getJson("/containers/json?all=1")) as ContainerSummary[];
  const containers = await mapWithConcurrency(summaries, 8, async (summary) => {
    try {
      const inspect = (await engine.getJson(`/containers/${summary.Id}/json`)) as ContainerInspect;
      return measureContainerLogs({ id: inspect.Id, driver: inspect.HostConfig?.LogConfig?.Type ?? "json-file", logPath: inspect.LogPath || null }, root);
    } catch (error) {
      // Removed between the list and the inspect: not part of this answer.
      if ((error as { statusCode?: number }).statusCode === 404) return null;
      throw error;
    }
  });
  return { containers: containers.filter((entry) => entry !== null) };
}

export async function agentDisk(engine: LocalEngine, containerdRoot: string | null): Promise<AgentDisk> {
  const root = await dataRoot(engine);
  return measureDisk(root, containerdRootFor(root, containerdRoot));
}
