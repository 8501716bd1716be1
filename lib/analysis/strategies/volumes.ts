import type { HostSnapshot, Volume } from "@/lib/collect/schema";
import { count, isProtected, makeSuggestion, sortTargets, sumBytes, type StrategySettings, type Suggestion } from "./types";

// Unused volumes, anonymous and named apart. Users ask never to touch named volumes by default
// (arcane#1880, lazydocker#649), and /volumes/prune on 20.10 removes named ones too, so targets are
// listed one by one by name.

function unusedVolumes(snapshot: HostSnapshot, settings: StrategySettings, anonymous: boolean): Volume[] {
  return snapshot.volumes.filter((volume) => volume.anonymous === anonymous && volume.refCount === 0 && !isProtected(volume.labels, settings.protectLabel));
}

function volumeTargets(volumes: Volume[]) {
  // A null size (driver cannot report usage) counts as 0: never promise bytes we did not measure.
  const targets = sortTargets(volumes.map((volume) => ({ kind: "volume" as const, id: volume.name, name: volume.name, bytes: volume.sizeBytes ?? 0 })));
  const unknown = volumes.filter((volume) => volume.sizeBytes === null).length;
  const unknownNote = unknown > 0 ? ` (the size of ${count(unknown, "volume")} is unknown and counted as 0)` : "";
  return { targets, bytes: sumBytes(targets), unknownNote };
}

/** Anonymous volumes no container (any state) references. */
export function unusedVolumesAnonymous(snapshot: HostSnapshot, settings: StrategySettings): Suggestion {
  const volumes = unusedVolumes(snapshot, settings, true);
  const { targets, bytes, unknownNote } = volumeTargets(volumes);
  return makeSuggestion(
    {
      strategy: "unused_volumes_anonymous",
      title: "Remove unused anonymous volumes",
      reason: `No container references ${count(volumes.length, "anonymous volume")}, usually left behind by removed containers${unknownNote}.`,
      targets,
      bytes,
      risk: "low",
      actionable: true,
    },
    settings,
  );
}

/** Named volumes no container references: actionable only when `includeNamedVolumes` is on. */
export function unusedVolumesNamed(snapshot: HostSnapshot, settings: StrategySettings): Suggestion {
  const volumes = unusedVolumes(snapshot, settings, false);
  const { targets, bytes, unknownNote } = volumeTargets(volumes);
  const policy = settings.includeNamedVolumes
    ? "check they hold nothing anyone needs before approving"
    : "named volumes are kept by default, so Ballast only lists them until named volumes are included in the settings";
  return makeSuggestion(
    {
      strategy: "unused_volumes_named",
      title: "Review unused named volumes",
      reason: `No container references ${count(volumes.length, "named volume")}${unknownNote}; ${policy}.`,
      targets,
      bytes,
      risk: "high",
      actionable: settings.includeNamedVolumes,
    },
    settings,
  );
}
