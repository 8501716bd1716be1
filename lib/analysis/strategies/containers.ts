import { BYTES_PER_GB } from "@/lib/analysis/cost";
import type { Container, HostSnapshot } from "@/lib/collect/schema";
import { count, isProtected, makeSuggestion, sortTargets, sumBytes, type StrategySettings, type Suggestion, type SuggestionTarget } from "./types";

// Container strategies: removing stopped containers (actionable) and writable-layer bloat (advice).

const REMOVABLE_STATES = new Set(["exited", "created"]);

/** Exited or never-started containers without the protect label: what `stopped_containers` targets. */
export function isRemovableStoppedContainer(container: Container, settings: StrategySettings): boolean {
  return REMOVABLE_STATES.has(container.state) && !isProtected(container.labels, settings.protectLabel);
}

function containerTarget(container: Container): SuggestionTarget {
  return { kind: "container", id: container.id, name: container.name, bytes: container.writableBytes };
}

/** Anonymous volumes mounted by these containers: removing a container without v=true keeps them. */
function anonymousVolumesHeld(snapshot: HostSnapshot, containers: Container[]): number {
  const anonymous = new Set(snapshot.volumes.filter((volume) => volume.anonymous).map((volume) => volume.name));
  const held = new Set<string>();
  for (const container of containers) {
    for (const mount of container.mounts) {
      if (mount.type === "volume" && mount.name !== null && anonymous.has(mount.name)) held.add(mount.name);
    }
  }
  return held.size;
}

/**
 * Exited and created (never started) containers. Bytes = their writable layers; their json-file logs
 * go too but are not counted (only the agent measures them). Ballast removes containers without
 * `v=true`, so anonymous volumes survive and show up under unused volumes afterwards.
 */
export function stoppedContainers(snapshot: HostSnapshot, settings: StrategySettings): Suggestion {
  const containers = snapshot.containers.filter((container) => isRemovableStoppedContainer(container, settings));
  const targets = sortTargets(containers.map(containerTarget));
  const volumes = anonymousVolumesHeld(snapshot, containers);
  const kept =
    volumes > 0
      ? `, but the ${count(volumes, "anonymous volume")} they hold ${volumes === 1 ? "stays" : "stay"} (Ballast never removes volumes with a container)`
      : "";
  return makeSuggestion(
    {
      strategy: "stopped_containers",
      title: "Remove stopped containers",
      reason: `${count(containers.length, "container")} exited or never started; removing them frees their writable layers${kept}.`,
      targets,
      bytes: sumBytes(targets),
      risk: "low",
      actionable: true,
    },
    settings,
  );
}

/**
 * Containers writing lots of data into their writable layer (the seed article's ELK stack filled
 * /var/lib/docker/overlay2 this way). Advice only; stopped ones are left to `stopped_containers`.
 */
export function writableLayerBloat(snapshot: HostSnapshot, settings: StrategySettings): Suggestion {
  const threshold = settings.writableLayerBloatBytes;
  const containers = snapshot.containers.filter((container) => container.writableBytes > threshold && !isRemovableStoppedContainer(container, settings));
  const targets = sortTargets(containers.map(containerTarget));
  return makeSuggestion(
    {
      strategy: "writable_layer_bloat",
      title: "Move data out of writable layers",
      reason: `${count(containers.length, "container")} ${containers.length === 1 ? "keeps" : "keep"} more than ${+(threshold / BYTES_PER_GB).toFixed(3)} GB in the writable layer, which is lost on re-creation and belongs in a volume or bind mount.`,
      targets,
      bytes: sumBytes(targets),
      risk: "medium",
      actionable: false,
      assumption:
        "Estimate = the writable layers' current size; moving needed data to a volume frees nothing by itself, only data nobody needs (logs, caches, temporary files written inside the container) goes away.",
    },
    settings,
  );
}
