#!/usr/bin/env node
// Starts a private dockerd for tests — never the system one (ARCHITECTURE.md §Test environment).
// Its own data root, exec root, socket and key file under `dir`; no bridge, no iptables.
// `engineDir` starts a newer engine unpacked by fetch-engines.sh (its usr/sbin/dockerd, with its usr/bin first
// on PATH so it starts its own containerd); `containerdStore` turns on the containerd image store.
// CLI: node scripts/test-env/privateDockerd.mjs start|stop DIR [--tcp PORT] [--engine ENGINE_DIR] [--containerd-store]
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";

function ping(socketPath) {
  return new Promise((resolve) => {
    const req = http.get({ socketPath, path: "/_ping", timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on("error", () => resolve(false));
    req.on("timeout", () => {
      req.destroy();
      resolve(false);
    });
  });
}

function isRunning(pidFile) {
  try {
    const pid = Number(fs.readFileSync(pidFile, "utf8"));
    process.kill(pid, 0);
    return pid;
  } catch {
    return 0;
  }
}

/** Starts (or reuses, when one is already running in `dir`) a private dockerd; resolves when it answers. */
export async function startPrivateDockerd(dir, { tcpPort, extraArgs = [], engineDir, containerdStore = false } = {}) {
  fs.mkdirSync(dir, { recursive: true });
  const socketPath = path.join(dir, "docker.sock");
  const pidFile = path.join(dir, "docker.pid");
  const result = { dir, socketPath, dockerHost: `unix://${socketPath}`, tcpHost: tcpPort ? `tcp://127.0.0.1:${tcpPort}` : null };
  if (isRunning(pidFile) && (await ping(socketPath))) return result;
  // A separate key file, else two daemons share one engine ID (20.10; newer engines keep it in the data root).
  const config = engineDir ? {} : { "deprecated-key-path": path.join(dir, "key.json") };
  if (containerdStore) config.features = { "containerd-snapshotter": true };
  fs.writeFileSync(path.join(dir, "daemon.json"), JSON.stringify(config));
  const args = [
    "--data-root",
    path.join(dir, "root"),
    "--exec-root",
    path.join(dir, "exec"),
    "--pidfile",
    pidFile,
    "-H",
    `unix://${socketPath}`,
    ...(tcpPort ? ["-H", `tcp://127.0.0.1:${tcpPort}`] : []),
    "--iptables=false",
    "--ip6tables=false",
    "--bridge=none",
    "--config-file",
    path.join(dir, "daemon.json"),
    ...extraArgs,
  ];
  const log = fs.openSync(path.join(dir, "dockerd.log"), "a");
  const dockerd = engineDir ? path.join(engineDir, "usr/sbin/dockerd") : "dockerd";
  const env = engineDir ? { ...process.env, PATH: `${path.join(engineDir, "usr/bin")}:${process.env.PATH}` } : process.env;
  const child = spawn(dockerd, args, { detached: true, stdio: ["ignore", log, log], env });
  child.unref();
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (await ping(socketPath)) return result;
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const tail = fs.readFileSync(path.join(dir, "dockerd.log"), "utf8").split("\n").slice(-15).join("\n");
  throw new Error(`private dockerd in ${dir} did not start:\n${tail}`);
}

/** Stops the private dockerd in `dir` (SIGTERM, then waits for it to exit). */
export async function stopPrivateDockerd(dir) {
  const pid = isRunning(path.join(dir, "docker.pid"));
  if (!pid) return;
  process.kill(pid, "SIGTERM");
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && isRunning(path.join(dir, "docker.pid"))) await new Promise((r) => setTimeout(r, 200));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [command, dir, ...flags] = process.argv.slice(2);
  if (!dir) throw new Error("usage: privateDockerd.mjs start|stop DIR [--tcp PORT] [--engine ENGINE_DIR] [--containerd-store]");
  const flag = (name) => (flags.includes(name) ? flags[flags.indexOf(name) + 1] : undefined);
  const options = {
    tcpPort: flag("--tcp") ? Number(flag("--tcp")) : undefined,
    engineDir: flag("--engine") ? path.resolve(flag("--engine")) : undefined,
    containerdStore: flags.includes("--containerd-store"),
  };
  if (command === "start") console.log(await startPrivateDockerd(path.resolve(dir), options));
  else if (command === "stop") await stopPrivateDockerd(path.resolve(dir));
  else throw new Error(`unknown command ${command}`);
}
