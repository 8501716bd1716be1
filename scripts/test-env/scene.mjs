#!/usr/bin/env node
// Builds the storage "scene" the integration and browser tests read: images that share layers, a
// dangling image, the same diff on two chains, BuildKit cache, containers with data in their writable
// layer, named, anonymous and orphaned volumes. No registry is reachable, so every image is built
// FROM scratch with Debian's static busybox (ARCHITECTURE.md §Test environment).
// CLI: node scripts/test-env/scene.mjs DOCKER_HOST
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// Debian's 20.10 client: the newer client on some PATHs needs buildx for BuildKit builds.
const DOCKER = fs.existsSync("/usr/bin/docker") ? "/usr/bin/docker" : "docker";

export const SCENE = {
  base: "ballast-test/base:1",
  appA: "ballast-test/app-a:1",
  appB1: "ballast-test/app-b:1",
  appB2: "ballast-test/app-b:2",
  churn: "ballast-test/churn:latest",
  dupX: "ballast-test/dup-x:1",
  dupY: "ballast-test/dup-y:1",
  buildkit: "ballast-test/bk:1",
  protectedImage: "ballast-test/keep:1",
  containers: { writer: "bt-writer", runner: "bt-runner", volumeUser: "bt-volume-user", anonUser: "bt-anon-user", created: "bt-never-started" },
  volumes: { named: "bt-named", orphan: "bt-orphan" },
};

function docker(dockerHost, args, { buildkit = false, input } = {}) {
  return execFileSync(DOCKER, args, {
    env: { ...process.env, DOCKER_HOST: dockerHost, DOCKER_BUILDKIT: buildkit ? "1" : "0" },
    encoding: "utf8",
    input,
    stdio: ["pipe", "pipe", "pipe"],
  }).trim();
}

function build(dockerHost, dir, tag, dockerfile, { buildkit = false, buildArgs = {} } = {}) {
  fs.writeFileSync(path.join(dir, "Dockerfile"), dockerfile);
  const args = ["build", "-q", "-t", tag, ...Object.entries(buildArgs).flatMap(([k, v]) => ["--build-arg", `${k}=${v}`])];
  if (buildkit) args.push("--network", "none");
  docker(dockerHost, [...args, dir], { buildkit });
}

const write = (file, kib) => `dd if=/dev/urandom of=${file} bs=1024 count=${kib} 2>/dev/null`;

/** Builds the scene on the engine at `dockerHost` and returns the names used. */
export function buildScene(dockerHost) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ballast-scene-"));
  try {
    fs.copyFileSync("/bin/busybox", path.join(dir, "busybox"));
    fs.writeFileSync(path.join(dir, "payload.bin"), Buffer.alloc(64 * 1024, 7));
    fs.utimesSync(path.join(dir, "payload.bin"), new Date("2026-01-01T00:00:00Z"), new Date("2026-01-01T00:00:00Z"));
    build(dockerHost, dir, SCENE.base, `FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox","--install","-s","/bin"]\nENV PATH=/bin\n`);
    build(dockerHost, dir, SCENE.appA, `FROM ${SCENE.base}\nRUN ${write("/a.bin", 300)}\nLABEL team=alpha\nCMD ["sh"]\n`);
    build(dockerHost, dir, SCENE.appB1, `FROM ${SCENE.base}\nRUN ${write("/b.bin", 200)}\nLABEL team=beta\n`);
    build(dockerHost, dir, SCENE.appB2, `FROM ${SCENE.appB1}\nRUN ${write("/b2.bin", 100)}\n`);
    // Two builds of one tag: the first becomes a dangling image.
    for (const round of [1, 2])
      build(dockerHost, dir, SCENE.churn, `FROM ${SCENE.base}\nARG ROUND\nRUN ${write("/churn.bin", 80)} && echo $ROUND > /round\n`, {
        buildArgs: { ROUND: String(round) },
      });
    // The same COPY on two different bases: one diff ID stored on two chains.
    build(dockerHost, dir, SCENE.dupX, `FROM ${SCENE.base}\nCOPY payload.bin /payload.bin\n`);
    build(dockerHost, dir, SCENE.dupY, `FROM ${SCENE.appA}\nCOPY payload.bin /payload.bin\n`);
    build(dockerHost, dir, SCENE.protectedImage, `FROM ${SCENE.base}\nRUN ${write("/keep.bin", 50)}\nLABEL ballast.protect=true\n`);
    // BuildKit, multi-stage: the builder stage's big layer lives only in the build cache.
    build(
      dockerHost,
      dir,
      SCENE.buildkit,
      `FROM ${SCENE.base} AS builder\nRUN ${write("/big.bin", 400)} && ${write("/small.bin", 20)}\nFROM ${SCENE.base}\nCOPY --from=builder /small.bin /small.bin\n`,
      { buildkit: true },
    );
    const run = (args) => docker(dockerHost, ["run", "--network", "none", ...args]);
    run(["--name", SCENE.containers.writer, "--label", "team=alpha", SCENE.appA, "sh", "-c", write("/data.bin", 500)]);
    run(["-d", "--name", SCENE.containers.runner, "--label", "com.docker.compose.project=shop", SCENE.appB1, "sleep", "86400"]);
    run(["--name", SCENE.containers.volumeUser, "-v", `${SCENE.volumes.named}:/vol`, SCENE.base, "sh", "-c", write("/vol/v.bin", 250)]);
    run(["--name", SCENE.containers.anonUser, "-v", "/anon", SCENE.base, "sh", "-c", write("/anon/x.bin", 150)]);
    docker(dockerHost, ["create", "--network", "none", "--name", SCENE.containers.created, SCENE.appA, "true"]);
    docker(dockerHost, ["volume", "create", "--label", "team=alpha", SCENE.volumes.orphan]);
    run(["--rm", "-v", `${SCENE.volumes.orphan}:/v`, SCENE.base, "sh", "-c", write("/v/o.bin", 120)]);
    return SCENE;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dockerHost = process.argv[2] ?? process.env.DOCKER_HOST;
  if (!dockerHost) throw new Error("usage: scene.mjs DOCKER_HOST");
  console.log(buildScene(dockerHost));
}
