// What each Engine API call costs a real engine with many images (issue 14): every call timed in
// alternation with `docker system df -v`, medians of N rounds, so machine noise hits both alike.
// node --conditions=react-server --import tsx scripts/bench/engineCallCosts.mts DOCKER_HOST [ROUNDS]
import { execFile } from "node:child_process";
import fs from "node:fs";
import { promisify } from "node:util";
import { createEngineClient } from "../../lib/collect/engine";
import { parseEndpoint } from "../../lib/collect/endpoint";
import { apiAtLeast } from "../../lib/collect/apiVersion";
import { alternate } from "./benchTable.mts";

const run = promisify(execFile);
const DOCKER = fs.existsSync("/usr/bin/docker") ? "/usr/bin/docker" : "docker";

/** `docker system df -v` as a user runs it (the CLI's own process start included). */
export const dockerDfVerbose = (dockerHost: string) => () =>
  run(DOCKER, ["system", "df", "-v"], { env: { ...process.env, DOCKER_HOST: dockerHost }, maxBuffer: 256 * 1024 * 1024 }).then(() => undefined);

if (import.meta.url === `file://${process.argv[1]}`) {
  const dockerHost = process.argv[2];
  const rounds = Number(process.argv[3] ?? 5);
  const client = createEngineClient(parseEndpoint(dockerHost));
  const api = await client.api();
  const get =
    (path: string, query: Record<string, unknown> = {}) =>
    () =>
      client.request("GET", path, query);
  const images = (await client.request("GET", "/images/json", { all: true })) as { Id: string }[];
  const sample = images.slice(0, 50).map((image) => image.Id);
  const calls: [string, () => Promise<unknown>][] = [
    ["/system/df (full)", get("/system/df")],
    ["/images/json?all=1", get("/images/json", { all: true })],
    ["/images/json", get("/images/json")],
    ["/containers/json?all=1", get("/containers/json", { all: true })],
    ["/containers/json?all=1&size=1", get("/containers/json", { all: true, size: true })],
    ["/volumes", get("/volumes")],
    ["/info", get("/info")],
    [
      `inspect+history × ${sample.length} (8 parallel)`,
      async () => {
        const queue = [...sample];
        await Promise.all(
          Array.from({ length: 8 }, async () => {
            for (let id = queue.shift(); id; id = queue.shift())
              await Promise.all([client.request("GET", `/images/${id}/json`), client.request("GET", `/images/${id}/history`)]);
          }),
        );
      },
    ],
  ];
  if (apiAtLeast(api.apiVersion, "1.42"))
    for (const type of ["image", "container", "volume", "build-cache"]) calls.push([`/system/df?type=${type}`, get("/system/df", { type })]);
  console.log(`engine ${api.engineVersion} (API ${api.apiVersion}), ${images.length} image IDs, ${rounds} alternated rounds`);
  for (const [label, fn] of calls) {
    const { a: subjectMs, b: referenceMs } = await alternate(fn, dockerDfVerbose(dockerHost), rounds);
    console.log(
      `${label.padEnd(40)} ${subjectMs.toFixed(1).padStart(8)} ms   df -v ${referenceMs.toFixed(1).padStart(7)} ms   ratio ${(subjectMs / referenceMs).toFixed(3)}`,
    );
  }
  process.exit(0);
}
