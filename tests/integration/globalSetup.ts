import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
// @ts-expect-error plain ESM scripts shared with the browser tests
import { startPrivateDockerd, stopPrivateDockerd } from "../../scripts/test-env/privateDockerd.mjs";
// @ts-expect-error plain ESM scripts shared with the browser tests
import { NEWER_ENGINES } from "../../scripts/test-env/engines.mjs";
import { freePort } from "../support/freePort";
import { spawn } from "node:child_process";

// One private dockerd (the "scene" host) with the test scene built on it, and a second, empty one
// listening on TCP that stands in for another host; plus one private dockerd of each newer engine of
// the matrix (Docker 26.1 and 28.5, overlay2 and the containerd store) with the scene built on it, read
// by tests/integration/engines/. All start and build in parallel. Never the system engine.

type MatrixHost = { name: string; dockerHost: string };

declare module "vitest" {
  export interface ProvidedContext {
    dockerHost: string;
    secondDockerHost: string;
    secondTcpHost: string;
    testRoot: string;
    matrixHosts: MatrixHost[];
  }
}

/** scene.mjs in a child process, so that several engines build at once. */
function buildSceneOn(dockerHost: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.resolve(import.meta.dirname, "../../scripts/test-env/scene.mjs"), dockerHost], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`building the scene on ${dockerHost} failed:\n${stderr.slice(-2000)}`))));
  });
}

export default async function setup(project: TestProject) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ballast-it-"));
  const dirs = ["scene", "second", ...NEWER_ENGINES.map((engine: { name: string }) => engine.name)].map((name) => path.join(root, name));
  const teardown = async () => {
    await Promise.all(dirs.map((dir) => stopPrivateDockerd(dir)));
    fs.rmSync(root, { recursive: true, force: true });
  };
  let scene, second, matrix: MatrixHost[];
  try {
    const starting = NEWER_ENGINES.map(async (engine: { name: string; engineDir: string; containerdStore: boolean }) => {
      const started = await startPrivateDockerd(path.join(root, engine.name), { engineDir: engine.engineDir, containerdStore: engine.containerdStore });
      return { name: engine.name, dockerHost: started.dockerHost as string };
    });
    [scene, second, ...matrix] = await Promise.all([
      startPrivateDockerd(path.join(root, "scene")),
      startPrivateDockerd(path.join(root, "second"), { tcpPort: await freePort() }),
      ...starting,
    ]);
    await Promise.all([scene.dockerHost, ...matrix.map((host) => host.dockerHost)].map(buildSceneOn));
  } catch (error) {
    // Vitest runs no teardown when setup throws: stop what already started.
    await teardown();
    throw error;
  }
  project.provide("dockerHost", scene.dockerHost);
  project.provide("secondDockerHost", second.dockerHost);
  project.provide("secondTcpHost", second.tcpHost);
  project.provide("testRoot", root);
  project.provide("matrixHosts", matrix);
  return teardown;
}
