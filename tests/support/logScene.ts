import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { dockerCli } from "./engineCli";

// Containers that write logs, for the agent tests: json-file rotated (max-size/max-file, compressed),
// json-file without rotation, and the `local` driver. Each writes and exits, so sizes are stable.

export const LOG_SCENE = { rotated: "lg-rotated", unrotated: "lg-unrotated", local: "lg-local", image: "ballast-test/logger:1" };

const writer = (lines: number) => `i=0; while [ $i -lt ${lines} ]; do echo "line $i 0123456789abcdef0123456789abcdef"; i=$((i+1)); done`;

export function buildLogScene(dockerHost: string): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ballast-logs-"));
  try {
    fs.copyFileSync("/bin/busybox", path.join(dir, "busybox"));
    fs.writeFileSync(path.join(dir, "Dockerfile"), `FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox","--install","-s","/bin"]\nENV PATH=/bin\n`);
    dockerCli(dockerHost, ["build", "-q", "-t", LOG_SCENE.image, dir]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const run = (name: string, logArgs: string[], lines: number) =>
    dockerCli(dockerHost, ["run", "--network", "none", "--name", name, ...logArgs, LOG_SCENE.image, "sh", "-c", writer(lines)]);
  run(LOG_SCENE.rotated, ["--log-opt", "max-size=20k", "--log-opt", "max-file=3", "--log-opt", "compress=true"], 4000);
  run(LOG_SCENE.unrotated, [], 3000);
  run(LOG_SCENE.local, ["--log-driver", "local", "--log-opt", "max-size=20k", "--log-opt", "max-file=2"], 4000);
}

/** The reference: sizes of the log files in a container's folder, read with plain stat (not the agent's code). */
export function logFilesOnDisk(dataRoot: string, containerId: string): { name: string; bytes: number }[] {
  const dir = path.join(dataRoot, "containers", containerId);
  const entries = [...fs.readdirSync(dir).map((name) => path.join(dir, name))];
  if (fs.existsSync(path.join(dir, "local-logs")))
    entries.push(...fs.readdirSync(path.join(dir, "local-logs")).map((name) => path.join(dir, "local-logs", name)));
  return entries
    .filter((file) => /\.log(\.\d+)?(\.gz)?$/.test(file) && fs.statSync(file).isFile())
    .map((file) => ({ name: path.relative(dir, file), bytes: fs.statSync(file).size }));
}
