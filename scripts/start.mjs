#!/usr/bin/env node
// `npm start`: checks the environment (lib/configSchema.mjs: a junk value stops here, before the
// build, naming the variable), builds the dashboard when there is no build or the sources are newer
// than it, applies pending migrations, then serves on PORT through scripts/server.mjs: on 127.0.0.1
// only while no account exists, on every interface once one does (or where BALLAST_LISTEN / HOSTNAME
// say). Every variable: the README's Configuration.
import { spawnSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { configProblemsMessage, parseConfig } from "../lib/configSchema.mjs";

const checked = parseConfig(process.env);
if (!checked.ok) {
  console.error(configProblemsMessage(checked.problems));
  process.exit(2);
}
import { serverGlibcTunables } from "./server/mallocTunables.mjs";
import { serverExitStatus } from "./serverExitStatus.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
process.env.NEXT_TELEMETRY_DISABLED = "1";
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const SOURCES = ["app", "components", "lib", "prisma", "instrumentation.ts", "next.config.mjs", "package.json"];

function newestMtime(entry) {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(entry, { withFileTypes: true })
    .filter((child) => child.name !== "generated" && child.name !== "node_modules")
    .reduce((newest, child) => Math.max(newest, newestMtime(path.join(entry, child.name))), stat.mtimeMs);
}

function buildIsCurrent() {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return false;
  const built = fs.statSync(buildId).mtimeMs;
  return SOURCES.every((source) => newestMtime(path.join(root, source)) <= built);
}

function run(command, args) {
  const result = spawnSync(command, args, { stdio: "inherit", env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!buildIsCurrent()) {
  console.log("[ballast] building the dashboard (first start or changed sources)…");
  run(process.execPath, [nextBin, "build"]);
}
run(process.execPath, [path.join(root, "scripts", "migrate.mjs")]);
// V8 grows its heap lazily: by default a burst of requests leaves old space at up to 4× what is live
// (measured: 69 MB live, 190 MB held; the server's RSS 380 MB after 1,800 view requests). A 30%
// growing step and 8 MB semi-spaces held it at 290 MB at the same CPU per request (issue 14).
// V8 flags hold for every thread of the process, worker threads too (a worker's resourceLimits young
// generation does not override --max-semi-space-size). With three isolates (the request loop, the store
// and read workers) 4 MB semi-spaces hold 8 MB less young generation each: server RSS peak over the
// views bench 318 / 318 MB against 357 / 323 MB with 8 MB, and the same CPU over a FAKE 5,000-image
// poll, views and reports (17.2 s both runs against 17.4–18.1 s).
const V8_FLAGS = ["--heap-growing-percent=30", "--max-semi-space-size=4"];
const server = spawn(process.execPath, [...V8_FLAGS, path.join(root, "scripts", "server.mjs")], {
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production", GLIBC_TUNABLES: serverGlibcTunables(process.env) },
});
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"])
  process.on(signal, () => {
    stopping = true;
    server.kill(signal);
  });
// A server that dies by a signal it was not asked to stop by (kill -9, OOM) or by an error must end
// `npm start` non-zero, so a supervisor (systemd Restart=on-failure) starts it again (issue 8).
server.on("exit", (code, signal) => process.exit(serverExitStatus(code, signal, stopping)));
