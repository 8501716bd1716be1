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
  const logPath = path.join(dir, "dockerd.log");
  const dockerd = engineDir ? path.join(engineDir, "usr/sbin/dockerd") : "dockerd";
  const env = engineDir ? { ...process.env, PATH: `${path.join(engineDir, "usr/bin")}:${process.env.PATH}` } : process.env;
  for (let attempt = 1; ; attempt++) {
    const logStart = fs.existsSync(logPath) ? fs.statSync(logPath).size : 0;
    const log = fs.openSync(logPath, "a");
    const child = spawn(dockerd, args, { detached: true, stdio: ["ignore", log, log], env });
    fs.closeSync(log);
    child.unref();
    const exited = await answersOrExits(socketPath, child);
    if (!exited) return result;
    const tail = fs.readFileSync(logPath, "utf8").slice(logStart);
    // dockerd gives its own containerd 15 s to answer. On a loaded 2-core CI machine (the whole suite
    // beside it) that is sometimes too short; it is the engine's start, not what a test checks, so try again.
    if (attempt < START_ATTEMPTS && CONTAINERD_SLOW.test(tail)) {
      await stopLeftoverContainerd(dir);
      continue;
    }
    throw new Error(`private dockerd in ${dir} did not start (attempt ${attempt}):\n${tail.split("\n").slice(-15).join("\n")}`);
  }
}

const START_ATTEMPTS = 3;
const CONTAINERD_SLOW = /timeout waiting for containerd to start|containerd did not exit successfully/;

/** Waits up to 60 s: false once the engine answers, true when it exited (or never answered). */
async function answersOrExits(socketPath, child) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (await ping(socketPath)) return false;
    if (child.exitCode !== null || child.signalCode !== null) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill("SIGKILL");
  return true;
}

const readOr = (file, fallback) => {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return fallback;
  }
};

/** A containerd that a failed dockerd start left behind would hold the data root's lock for the next try. */
async function stopLeftoverContainerd(dir) {
  const pid = isRunning(path.join(dir, "exec", "containerd", "containerd.pid"));
  // Only this engine's containerd: a stale pid file may name a pid the system has since reused.
  if (!pid || !readOr(`/proc/${pid}/cmdline`, "").includes(dir)) return;
  process.kill(pid, "SIGKILL");
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && isRunning(path.join(dir, "exec", "containerd", "containerd.pid")) === pid) await new Promise((r) => setTimeout(r, 100));
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
