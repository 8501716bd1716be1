import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { freePort } from "./freePort";

// Starts the real Ballast agent (`node --import tsx lib/agent/main.ts`, what `npm run agent` runs) in
// front of a private dockerd, and reads the fingerprint and token lines it prints.

export type RunningAgent = {
  endpoint: string;
  port: number;
  fingerprint: string;
  token: string;
  stateDir: string;
  child: ChildProcess;
  /** Everything the agent printed so far. */
  output(): string;
  /** Waits (up to 5 s) until the agent printed a line matching `pattern`. */
  waitFor(pattern: RegExp): Promise<void>;
  stop(): Promise<void>;
};

export { freePort };

export async function startAgent(options: {
  dockerHost: string;
  stateDir: string;
  port?: number;
  allowActions?: boolean;
  env?: Record<string, string>;
}): Promise<RunningAgent> {
  const port = options.port ?? (await freePort());
  const args = ["--import", "tsx", path.join(process.cwd(), "lib/agent/main.ts"), "--listen", `127.0.0.1:${port}`, "--state-dir", options.stateDir];
  if (options.allowActions) args.push("--allow-actions");
  const child = spawn(process.execPath, args, { env: { ...process.env, DOCKER_HOST: options.dockerHost, ...options.env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const deadline = Date.now() + 30_000;
  while (!/fingerprint sha256 \S+/.test(output) || !/token (read from|\S+ \(written)/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`agent did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const fingerprint = /fingerprint sha256 (\S+)/.exec(output)![1];
  const token = fs.readFileSync(path.join(options.stateDir, "token"), "utf8").trim();
  return {
    endpoint: `https://127.0.0.1:${port}`,
    port,
    fingerprint,
    token,
    stateDir: options.stateDir,
    child,
    output: () => output,
    waitFor: async (pattern) => {
      const until = Date.now() + 5_000;
      while (!pattern.test(output) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
    },
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
