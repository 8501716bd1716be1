#!/usr/bin/env node
// A real private dockerd holding many images, for measuring what each Engine API call costs at fleet
// scale (issue 14). No registry is reachable: every image is built FROM scratch with Debian's static
// busybox, with the classic builder (DOCKER_BUILDKIT=0), as CI hosts that still use it do: each build
// adds one untagged intermediate (its COPY step) and one tagged image (its LABEL step), so about half
// the image IDs are intermediates. The data root is kept under .test-env/many-images/<engine>-<count>:
// built once (about 0.3 s per image), reused by later runs.
// CLI: node scripts/test-env/manyImages.mjs ENGINE_NAME COUNT   (ENGINE_NAME from engines.mjs)
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { TEST_ENGINES } from "./engines.mjs";
import { startPrivateDockerd, stopPrivateDockerd } from "./privateDockerd.mjs";

const run = promisify(execFile);
const DOCKER = fs.existsSync("/usr/bin/docker") ? "/usr/bin/docker" : "docker";
const root = path.resolve(import.meta.dirname, "../..");
export const MANY_IMAGES_BASE = "ballast-many/base:1";

const docker = (dockerHost, args) =>
  run(DOCKER, args, { env: { ...process.env, DOCKER_HOST: dockerHost, DOCKER_BUILDKIT: "0" }, maxBuffer: 64 * 1024 * 1024 }).then((r) => r.stdout.trim());

/** Where the engine named `engineName` with about `count` images keeps its data root. */
export function manyImagesDir(engineName, count) {
  return path.join(root, ".test-env/many-images", `${engineName}-${count}`);
}

/**
 * A short exec root for the engine in `dir`: containerd refuses socket paths over 104 bytes, which a deep
 * checkout's <dir>/exec/containerd/containerd-debug.sock exceeds. Named after `dir`, so two checkouts on
 * one machine (parallel sessions) never share one (a shared one made the second engine's containerd
 * time out).
 */
export function shortExecRoot(dir) {
  return path.join("/tmp", `ballast-exec-${crypto.createHash("sha256").update(path.resolve(dir)).digest("hex").slice(0, 12)}`);
}

/** Builds images on `dockerHost` until it holds at least `count` image IDs; returns how many it holds. */
export async function fillWithImages(dockerHost, count, { parallel = 2 } = {}) {
  // One line per tag: count distinct IDs.
  const ids = async () => [...new Set((await docker(dockerHost, ["images", "-aq", "--no-trunc"])).split("\n").filter(Boolean))];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ballast-many-"));
  try {
    fs.copyFileSync("/bin/busybox", path.join(dir, "busybox"));
    fs.writeFileSync(
      path.join(dir, "Dockerfile.base"),
      `FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox","--install","-s","/bin"]\nENV PATH=/bin\n`,
    );
    await docker(dockerHost, ["build", "-q", "-f", path.join(dir, "Dockerfile.base"), "-t", MANY_IMAGES_BASE, dir]);
    const tagged = new Set((await docker(dockerHost, ["images", "--format", "{{.Repository}}:{{.Tag}}"])).split("\n"));
    const missing = Math.max(0, Math.ceil((count - (await ids()).length) / 2));
    let next = 0;
    let made = 0;
    const worker = async () => {
      while (made < missing) {
        const n = next++;
        const tag = `ballast-many/app-${n % 50}:${n}`;
        if (tagged.has(tag)) continue;
        made += 1;
        // Each build's own context: a file whose content makes its COPY layer unique.
        const context = path.join(dir, `ctx-${n}`);
        fs.mkdirSync(context);
        fs.writeFileSync(path.join(context, "n.txt"), `${n}\n`.repeat(1 + (n % 97)));
        fs.writeFileSync(path.join(context, "Dockerfile"), `FROM ${MANY_IMAGES_BASE}\nCOPY n.txt /n.txt\nLABEL ballast.many=${n}\n`);
        await docker(dockerHost, ["build", "-q", "-t", tag, context]);
        fs.rmSync(context, { recursive: true, force: true });
      }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
    return (await ids()).length;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Starts the cached many-image engine (building what is missing); stop it with stopPrivateDockerd(dir). */
export async function startManyImagesEngine(engineName, count) {
  const engine = TEST_ENGINES.find((e) => e.name === engineName);
  if (!engine) throw new Error(`unknown engine ${engineName}: one of ${TEST_ENGINES.map((e) => e.name).join(", ")}`);
  const dir = manyImagesDir(engineName, count);
  const started = await startPrivateDockerd(dir, {
    engineDir: engine.engineDir,
    containerdStore: engine.containerdStore,
    extraArgs: ["--exec-root", shortExecRoot(dir)],
  });
  const images = await fillWithImages(started.dockerHost, count);
  return { ...started, images };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [engineName, count, stop] = process.argv.slice(2);
  if (!engineName || !count) throw new Error("usage: manyImages.mjs ENGINE_NAME COUNT [--stop]");
  if (stop === "--stop") await stopPrivateDockerd(manyImagesDir(engineName, Number(count)));
  else console.log(await startManyImagesEngine(engineName, Number(count)));
}
