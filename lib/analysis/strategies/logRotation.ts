import type { Container, HostSnapshot } from "@/lib/collect/schema";
import { count, makeSuggestion, sortTargets, sumBytes, type StrategySettings, type Suggestion } from "./types";

// json-file logs grow without limit unless `max-size` is set (`max-file` only acts with `max-size`).
// No API reports log sizes; only the host agent measures them (`logBytes`), so unmeasured logs count 0.
// daemon.json `log-opts` apply only to containers created after the daemon restarts (Docker docs).

/** The advice's own numbers: max-size=10m, max-file=3. Docker parses "10m" as 10 MiB. */
export const ADVISED_MAX_SIZE = "10m";
export const ADVISED_MAX_FILE = "3";
const KEPT_LOG_BYTES = 3 * 10 * 1024 * 1024;

/** json-file, or no driver recorded (the daemon's default, json-file unless configured). */
export function hasUnboundedLogs(container: Container): boolean {
  const jsonFile = container.logDriver === null || container.logDriver === "json-file";
  return jsonFile && !("max-size" in container.logOptions);
}

/** The exact configuration that bounds logs: daemon.json (new containers after a restart) and a compose service. */
export function logRotationSnippets(): { daemonJson: string; compose: string } {
  return {
    daemonJson: JSON.stringify({ "log-driver": "json-file", "log-opts": { "max-size": ADVISED_MAX_SIZE, "max-file": ADVISED_MAX_FILE } }, null, 2),
    compose: [
      "services:",
      "  app:",
      "    logging:",
      "      driver: json-file",
      "      options:",
      `        max-size: "${ADVISED_MAX_SIZE}"`,
      `        max-file: "${ADVISED_MAX_FILE}"`,
    ].join("\n"),
  };
}

export function logRotation(snapshot: HostSnapshot, settings: StrategySettings): Suggestion {
  const containers = snapshot.containers.filter(hasUnboundedLogs);
  const targets = sortTargets(
    containers.map((container) => ({
      kind: "log" as const,
      id: container.id,
      name: container.name,
      bytes: Math.max(0, (container.logBytes ?? 0) - KEPT_LOG_BYTES),
    })),
  );
  const unmeasured = containers.filter((container) => container.logBytes === null).length;
  const note = unmeasured > 0 ? `; ${count(unmeasured, "log")} not measured, which needs the host agent` : "";
  return makeSuggestion(
    {
      strategy: "log_rotation",
      title: "Rotate container logs",
      reason: `${count(containers.length, "container")} ${containers.length === 1 ? "logs" : "log"} with json-file and no max-size, so the logs grow without limit${note}.`,
      targets,
      bytes: sumBytes(targets),
      risk: "low",
      actionable: false,
      assumption: `Estimate = measured log bytes above what rotation keeps, with log-opts max-size="${ADVISED_MAX_SIZE}" and max-file="${ADVISED_MAX_FILE}" (at most 30 MiB per container) set in daemon.json or with --log-opt; they apply only to containers created afterwards, so existing ones must be re-created, and unmeasured logs count as 0.`,
    },
    settings,
  );
}
