import { execFileSync } from "node:child_process";
import fs from "node:fs";

// The Docker CLI against a private test engine, for tests that arrange state or read Docker's own view.
const DOCKER = fs.existsSync("/usr/bin/docker") ? "/usr/bin/docker" : "docker";

export function dockerCli(dockerHost: string, args: string[]): string {
  return execFileSync(DOCKER, args, { env: { ...process.env, DOCKER_HOST: dockerHost, DOCKER_BUILDKIT: "0" }, encoding: "utf8" }).trim();
}

/** Raw Engine API GET over the unix socket, without Ballast's client: the reference to compare with. */
export async function engineGet(dockerHost: string, apiPath: string): Promise<unknown> {
  const http = await import("node:http");
  const socketPath = dockerHost.replace(/^unix:\/\//, "");
  return new Promise((resolve, reject) => {
    http
      .get({ socketPath, path: apiPath }, (res) => {
        let body = "";
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => resolve(JSON.parse(body)));
      })
      .on("error", reject);
  });
}
