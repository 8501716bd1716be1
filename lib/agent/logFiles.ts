import fs from "node:fs";
import path from "node:path";
import type { ContainerLogs } from "./protocol";

// Container log bytes on disk: no Engine API reports them (moby#8911). json-file writes `LogPath`
// (`<data-root>/containers/<id>/<id>-json.log`) and rotates to `.1…N`, `.N.gz` with compress=true; the
// `local` driver writes `local-logs/container.log` (+ rotated, compressed); other drivers keep a local
// cache, `container-cached.log` (dual logging, Docker 20.10+). Sizes are file sizes (st_size).

const LOG_FILE = /^(?:[0-9a-f]{64}-json\.log|container\.log|container-cached\.log)(?:\.\d+)?(?:\.gz)?$/;

export type ContainerLogSource = { id: string; driver: string; logPath: string | null };

function logFilesIn(dir: string): { path: string; bytes: number }[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => LOG_FILE.test(name))
    .flatMap((name) => {
      const file = path.join(dir, name);
      try {
        const stat = fs.lstatSync(file);
        return stat.isFile() ? [{ path: file, bytes: stat.size }] : [];
      } catch {
        // Rotated away between the listing and the stat.
        return [];
      }
    });
}

export function measureContainerLogs(container: ContainerLogSource, dataRoot: string): ContainerLogs {
  const containerDir = path.join(dataRoot, "containers", container.id);
  const dirs = new Set([containerDir, path.join(containerDir, "local-logs")]);
  if (container.logPath) dirs.add(path.dirname(container.logPath));
  const files = [...dirs].flatMap(logFilesIn).sort((a, b) => a.path.localeCompare(b.path));
  return { id: container.id, driver: container.driver, bytes: files.reduce((sum, file) => sum + file.bytes, 0), files };
}
