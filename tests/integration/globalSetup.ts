import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import net from "node:net";
import type { TestProject } from "vitest/node";
// @ts-expect-error plain ESM scripts shared with the browser tests
import { startPrivateDockerd, stopPrivateDockerd } from "../../scripts/test-env/privateDockerd.mjs";
// @ts-expect-error plain ESM scripts shared with the browser tests
import { buildScene } from "../../scripts/test-env/scene.mjs";

// One private dockerd (the "scene" host) with the test scene built on it, and a second, empty one
// listening on TCP that stands in for another host. Never the system engine.

declare module "vitest" {
  export interface ProvidedContext {
    dockerHost: string;
    secondDockerHost: string;
    secondTcpHost: string;
    testRoot: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

export default async function setup(project: TestProject) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ballast-it-"));
  const teardown = async () => {
    await stopPrivateDockerd(path.join(root, "scene"));
    await stopPrivateDockerd(path.join(root, "second"));
    fs.rmSync(root, { recursive: true, force: true });
  };
  let scene, second;
  try {
    scene = await startPrivateDockerd(path.join(root, "scene"));
    second = await startPrivateDockerd(path.join(root, "second"), { tcpPort: await freePort() });
    buildScene(scene.dockerHost);
  } catch (error) {
    // Vitest runs no teardown when setup throws: stop what already started.
    await teardown();
    throw error;
  }
  project.provide("dockerHost", scene.dockerHost);
  project.provide("secondDockerHost", second.dockerHost);
  project.provide("secondTcpHost", second.tcpHost);
  project.provide("testRoot", root);
  return teardown;
}
