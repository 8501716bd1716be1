import crypto from "node:crypto";
import type http from "node:http";
import type { ImageFacts, ImageFactsCache } from "@/lib/collect/collectSnapshot";
import df from "@/tests/fixtures/engines/docker-28.5-overlay2.system-df.json";
import info from "@/tests/fixtures/engines/docker-28.5-overlay2.info.json";
import version from "@/tests/fixtures/engines/docker-28.5-overlay2.version.json";
import type { FakeRoute } from "./fakeEngineServer";

// A FAKE engine whose every answer is legal — each item in the shape a real Docker 28.5 sends, copied
// from the recorded fixture with fresh ids and names — but as large as that request kind's cap allows
// (lib/collect/answerCaps.ts): /system/df and /images/json just under their caps, each container
// inspect just under its cap. For measuring what the largest poll Ballast accepts costs in memory, not
// for checking Docker's behaviour.

const hex = (seed: string) => crypto.createHash("sha256").update(seed).digest("hex");

const send =
  (body: Buffer): FakeRoute =>
  (_req: http.IncomingMessage, res: http.ServerResponse) => {
    res.writeHead(200, { "content-type": "application/json", "content-length": body.length });
    res.end(body);
  };

/** JSON array text of items made by `item(i)` until the next would pass `maxBytes` (with `prefix`/`suffix` around it). */
function fill(prefix: string, suffix: string, maxBytes: number, item: (i: number) => string): { text: string; count: number } {
  const parts = [prefix];
  let bytes = prefix.length + suffix.length;
  let count = 0;
  for (;;) {
    const next = (count ? "," : "") + item(count);
    if (bytes + next.length > maxBytes) break;
    parts.push(next);
    bytes += next.length;
    count++;
  }
  parts.push(suffix);
  return { text: parts.join(""), count };
}

export type HugeLegalEngine = {
  routes: Record<string, FakeRoute>;
  /** Facts for every listed image, as a warm poll has them from the database: no inspect or history per image. */
  facts: ImageFactsCache;
  sizes: { systemDf: number; imagesJson: number; containerInspect: number };
  counts: { images: number; containers: number; volumes: number; buildCache: number };
};

/**
 * The answers: `caps` are the byte caps to stay just under; `containers` how many containers there are
 * (each one is inspected, so each costs a request of `caps.containerInspect` bytes).
 */
export function hugeLegalEngine(caps: { systemDf: number; imagesJson: number; containerInspect: number }, containers: number): HugeLegalEngine {
  const margin = 4096;
  const [image] = df.Images;
  const [container] = df.Containers;
  const [volume] = df.Volumes;
  const [record] = df.BuildCache;
  const imageItem = (i: number) =>
    JSON.stringify({ ...image, Id: `sha256:${hex(`image${i}`)}`, ParentId: "", RepoTags: [`fake-team${i % 500}/app:${i}`], Size: 1000, SharedSize: 0 });

  // /images/json: as many real-sized image summaries as fit.
  const images = fill("[", "]", caps.imagesJson - margin, imageItem);
  const imageIds = Array.from({ length: images.count }, (_, i) => `sha256:${hex(`image${i}`)}`);

  // /system/df: those images, the containers, then volumes and build cache records (3 : 4) until full.
  const containerIds = Array.from({ length: containers }, (_, i) => hex(`container${i}`));
  const head =
    `{"LayersSize":${images.count * 1000},"Images":[${images.text.slice(1, -1)}],"Containers":[` +
    containerIds.map((id, i) => JSON.stringify({ ...container, Id: id, Names: [`/fake-${i}`], ImageID: imageIds[i % imageIds.length] })).join(",") +
    `],"Volumes":[`;
  const volumeItem = (i: number) => JSON.stringify({ ...volume, Name: `fake-volume-${i}`, Mountpoint: `/var/lib/docker/volumes/fake-volume-${i}/_data` });
  const recordItem = (i: number) => JSON.stringify({ ...record, ID: hex(`record${i}`).slice(0, 25) });
  const room = caps.systemDf - margin - head.length;
  const volumes = fill("", "", Math.floor((room * 3) / 7), volumeItem);
  const records = fill(`],"BuildCache":[`, "]}", room - volumes.text.length, recordItem);
  const systemDf = Buffer.from(head + volumes.text + records.text);

  // Each container inspect: a real-shaped answer whose environment fills it to just under its cap.
  const inspectFor = (id: string) => {
    const base = { Id: id, LogPath: `/var/lib/docker/containers/${id}/${id}-json.log`, HostConfig: { LogConfig: { Type: "json-file", Config: {} } } };
    const room = caps.containerInspect - margin - JSON.stringify(base).length - 64;
    const env = Array.from({ length: Math.floor(room / 1024) }, (_, i) => `FAKE_SETTING_${i}=${"x".repeat(1000)}`);
    return Buffer.from(JSON.stringify({ ...base, Config: { Env: env } }));
  };
  const inspect = inspectFor(containerIds[0] ?? hex("none"));

  const facts = new Map<string, ImageFacts>(
    imageIds.map((id) => [id, { diffIds: [`sha256:${hex(`layer-${id}`)}`], history: [{ Created: 1, CreatedBy: "fake", Size: 1000, Comment: "" }] }]),
  );
  return {
    routes: {
      "/version": send(Buffer.from(JSON.stringify(version))),
      "/info": send(Buffer.from(JSON.stringify({ ...info, ID: "FAKE-HUGE-LEGAL" }))),
      "/system/df": send(systemDf),
      "/images/json": send(Buffer.from(images.text)),
      // Every inspect answers the same body with that container's id put in (cheap to serve).
      "*": (req, res) => {
        const id = /^\/containers\/([0-9a-f]{64})\/json$/.exec((req.url ?? "").split("?")[0].replace(/^\/v1\.\d+/, ""))?.[1];
        if (!id) return void res.writeHead(404, { "content-type": "application/json" }).end('{"message":"not found"}');
        send(Buffer.from(inspect.toString().replaceAll(containerIds[0], id)))(req, res);
      },
    },
    facts: {
      getMany: (ids) => new Map(ids.flatMap((id) => (facts.has(id) ? [[id, facts.get(id)!] as const] : []))),
      set: () => undefined,
    },
    sizes: { systemDf: systemDf.length, imagesJson: images.text.length, containerInspect: inspect.length },
    counts: { images: images.count, containers, volumes: volumes.count, buildCache: records.count },
  };
}
