#!/usr/bin/env node
// The server the browser tests drive: a fresh private dockerd with the test scene (never the system
// engine), a fresh SQLite file, and the dashboard started exactly as a user starts it (scripts/start.mjs).
// Everything lives under .test-env/e2e; a previous run's leftovers are stopped and wiped first.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startPrivateDockerd, stopPrivateDockerd } from "./test-env/privateDockerd.mjs";
import { buildScene } from "./test-env/scene.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const E2E_DIR = path.join(root, ".test-env", "e2e");

await stopPrivateDockerd(path.join(E2E_DIR, "dockerd"));
fs.rmSync(E2E_DIR, { recursive: true, force: true });
const engine = await startPrivateDockerd(path.join(E2E_DIR, "dockerd"));
buildScene(engine.dockerHost);

const env = {
  ...process.env,
  DOCKER_HOST: engine.dockerHost,
  DATABASE_URL: `file:${path.join(E2E_DIR, "ballast.db")}`,
  PORT: process.env.PORT ?? "3210",
};
const app = spawn(process.execPath, [path.join(root, "scripts", "start.mjs")], { stdio: "inherit", env });
const shutdown = async () => {
  app.kill("SIGTERM");
  await stopPrivateDockerd(path.join(E2E_DIR, "dockerd"));
  process.exit(0);
};
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
app.on("exit", (code) => process.exit(code ?? 1));
