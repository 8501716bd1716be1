import { z } from "zod";

// Which parts of a host a poll reads from the engine (issue 14). Reading everything costs the engine
// what `docker system df -v` costs (measured on 1,251 images, Docker 28.5: /system/df 0.8×, the image
// list 0.3–0.5×, containers/volumes/build cache ~2 ms each with few containers). A part is read again
// when the engine's events since the last poll say it changed, when its last read is older than the
// configured maximum age (writes into writable layers and volumes raise no event), or when a person
// asked for a fresh poll. Otherwise it is carried from the last poll with the time it was read: the
// figures shown are Docker's own as of that time, and say so. Events are only a hint to read sooner:
// the engine keeps a bounded number of recent events and a restart forgets them, so nothing relies on
// an event to be right, only on the read time.

export const PART_KINDS = ["images", "containers", "volumes", "buildCache"] as const;
export type PartKind = (typeof PART_KINDS)[number];
export type PartTimes = Record<PartKind, string>;

export const engineEvent = z.object({ Type: z.string().default(""), Action: z.string().default("") });
export type EngineEvent = z.infer<typeof engineEvent>;

/** The parts an engine event can change. Exec and health-check events change no stored figure. */
export function partsChangedBy(event: EngineEvent): PartKind[] {
  switch (event.Type) {
    case "image":
      // A build that tags its result also grows the build cache.
      return ["images", "buildCache"];
    case "container":
      if (event.Action.startsWith("exec_") || event.Action.startsWith("health_status")) return [];
      // A created or removed container changes its volumes' reference counts too.
      return event.Action === "create" || event.Action === "destroy" ? ["containers", "volumes"] : ["containers"];
    case "volume":
      return ["volumes"];
    default:
      return [];
  }
}

export type ReadPlanInput = {
  /** When each part was last read; null: nothing carried (first poll of this process, another engine). */
  readAt: PartTimes | null;
  /** Parts the events since the last poll changed; null: the events could not be read. */
  changed: Set<PartKind> | null;
  nowMs: number;
  maxAgeSec: number;
  /** A person asked for this poll (Poll now, after a cleanup): read everything. */
  fresh: boolean;
};

export function partsToRead({ readAt, changed, nowMs, maxAgeSec, fresh }: ReadPlanInput): Set<PartKind> {
  if (fresh || !readAt || !changed) return new Set(PART_KINDS);
  return new Set(PART_KINDS.filter((part) => changed.has(part) || nowMs - Date.parse(readAt[part]) >= maxAgeSec * 1000));
}
