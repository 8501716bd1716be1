import crypto from "node:crypto";
import type http from "node:http";
import { startFakeEngineServer, type FakeRoute } from "./fakeEngineServer";

// A FAKE Docker 20.10 engine (API 1.41, overlay2) holding a classic-builder CI host of any size: what
// scripts/test-env/manyImages.mjs builds on a real engine (a base image, then per build an untagged
// intermediate for `COPY n.txt` and a tagged leaf for `LABEL ballast.many=n`), at scales this machine
// cannot hold (issue 14's bench: 5,000 images and more). Its answers follow 20.10's own rules, and
// tests/integration/engines/fakeBuilderEngine.test.ts checks them, shape and figures, against a real
// 20.10 engine holding the same content, so the bench's numbers for it mean something:
//   - /images/json lists tagged images and dangling leaves; ?all=1 every image ID, untagged ones as
//     "<none>:<none>" with "<none>@<none>" digests; `Containers` and `SharedSize` are -1 there.
//   - /system/df lists what /images/json lists, with `SharedSize` the bytes of the image's chain layers
//     that another LISTED image also uses (intermediates do not count at 20.10), `Containers` the
//     containers using it, and `LayersSize` every chain layer some image uses, once.
//   - /images/{id}/history is newest first, `Id` the local image of each step, `Tags` its tags or null;
//     a metadata step (ENV, LABEL) has Size 0 and adds no layer.
// It holds no containers or volumes, like the real engine it is checked against. What a request costs
// it is nothing like what it costs an engine: only Ballast's own side of a poll is measured with it.

export type FakeBuilderStep = { createdBy: string; size: number; layer: boolean };

export type FakeBuilderContent = {
  /** The base image's steps, oldest first; its last step's image is tagged `baseTag`. */
  baseSteps: FakeBuilderStep[];
  baseTag: string;
  /** Build numbers: build n is `FROM baseTag`, `COPY n.txt /n.txt`, `LABEL ballast.many=n`, tagged ballast-many/app-(n % 50):n. */
  builds: number[];
};

/** The base manyImages.mjs builds, with the layer sizes Debian's busybox gives it (read from a real engine). */
export const MANY_IMAGES_BASE_STEPS: FakeBuilderStep[] = [
  { createdBy: "/bin/sh -c #(nop) COPY file:7027c77992f5b5a06465828d75ae4ff9adcec5f94bc05d3f683eb205e0ec1ac0 in /bin/busybox ", size: 1_982_256, layer: true },
  { createdBy: "/bin/busybox --install -s /bin", size: 3216, layer: true },
  { createdBy: "/bin/sh -c #(nop)  ENV PATH=/bin", size: 0, layer: false },
];

/** About `imageCount` image IDs as manyImages.mjs would build them: 3 base images, then 2 per build. */
export function manyImagesContent(imageCount: number, baseSteps = MANY_IMAGES_BASE_STEPS): FakeBuilderContent {
  const builds = Math.max(0, Math.ceil((imageCount - baseSteps.length) / 2));
  return { baseSteps, baseTag: "ballast-many/base:1", builds: Array.from({ length: builds }, (_, n) => n) };
}

/** What manyImages.mjs writes into build n's n.txt. */
export const buildFileContent = (n: number) => `${n}\n`.repeat(1 + (n % 97));

const sha = (text: string) => `sha256:${crypto.createHash("sha256").update(text).digest("hex")}`;

type FakeImage = {
  id: string;
  parentId: string;
  created: number;
  tags: string[];
  labels: Record<string, string> | null;
  /** Every step from the base's first to this image's, oldest first, with the image ID of each. */
  steps: (FakeBuilderStep & { imageId: string; created: number })[];
  diffIds: string[];
  /** Chain layers (chain ID, size), base first. */
  chain: { chainId: string; size: number }[];
  size: number;
};

function chainOf(diffIds: { diffId: string; size: number }[]) {
  const chain: { chainId: string; size: number }[] = [];
  for (const { diffId, size } of diffIds) {
    const chainId = chain.length === 0 ? diffId : sha(`${chain[chain.length - 1].chainId} ${diffId}`);
    chain.push({ chainId, size });
  }
  return chain;
}

/** Every image of the content, oldest first. */
export function fakeBuilderImages(content: FakeBuilderContent): FakeImage[] {
  const images: FakeImage[] = [];
  const start = 1_790_000_000;
  const add = (parent: FakeImage | null, step: FakeBuilderStep, created: number, tags: string[], labels: Record<string, string> | null) => {
    const id = sha(`fake-image ${parent?.id ?? ""} ${step.createdBy} ${created}`);
    const layers = parent ? parent.diffIds.map((diffId, k) => ({ diffId, size: parent.chain[k].size })) : [];
    if (step.layer) layers.push({ diffId: sha(`fake-diff ${parent?.id ?? ""} ${step.createdBy}`), size: step.size });
    const chain = chainOf(layers);
    const image: FakeImage = {
      id,
      parentId: parent?.id ?? "",
      created,
      tags,
      labels,
      steps: [...(parent?.steps ?? []), { ...step, imageId: id, created }],
      diffIds: layers.map((layer) => layer.diffId),
      chain,
      size: chain.reduce((sum, layer) => sum + layer.size, 0),
    };
    images.push(image);
    return image;
  };
  let base: FakeImage | null = null;
  content.baseSteps.forEach((step, k) => {
    base = add(base, step, start + k, k === content.baseSteps.length - 1 ? [content.baseTag] : [], null);
  });
  for (const n of content.builds) {
    const text = buildFileContent(n);
    const copy = { createdBy: `/bin/sh -c #(nop) COPY file:${sha(text).slice(7)} in /n.txt `, size: Buffer.byteLength(text), layer: true };
    const intermediate = add(base, copy, start + 100 + n, [], null);
    add(
      intermediate,
      { createdBy: `/bin/sh -c #(nop)  LABEL ballast.many=${n}`, size: 0, layer: false },
      start + 100 + n,
      [`ballast-many/app-${n % 50}:${n}`],
      {
        "ballast.many": String(n),
      },
    );
  }
  return images;
}

/** The Engine API answers of the content, as 20.10 gives them (see the top of this file). */
export function fakeBuilderAnswers(content: FakeBuilderContent) {
  const images = fakeBuilderImages(content);
  const withChildren = new Set(images.map((image) => image.parentId).filter(Boolean));
  // Tagged images and dangling leaves; newest first, as the engine sorts them.
  const listed = images.filter((image) => image.tags.length > 0 || !withChildren.has(image.id)).reverse();
  const everyImage = [...images].reverse();
  const summary = (image: FakeImage, all: boolean) => ({
    Containers: -1,
    Created: image.created,
    Id: image.id,
    Labels: image.labels,
    ParentId: image.parentId,
    RepoDigests: image.tags.length > 0 ? null : ["<none>@<none>"],
    RepoTags: image.tags.length > 0 ? image.tags : ["<none>:<none>"],
    SharedSize: -1,
    Size: image.size,
    VirtualSize: image.size,
  });
  const refs = new Map<string, number>();
  for (const image of listed) for (const layer of image.chain) refs.set(layer.chainId, (refs.get(layer.chainId) ?? 0) + 1);
  const used = new Map(images.flatMap((image) => image.chain.map((layer) => [layer.chainId, layer.size] as const)));
  const df = {
    LayersSize: [...used.values()].reduce((sum, size) => sum + size, 0),
    Images: listed.map((image) => ({
      ...summary(image, false),
      Containers: 0,
      SharedSize: image.chain.reduce((sum, layer) => sum + ((refs.get(layer.chainId) ?? 0) > 1 ? layer.size : 0), 0),
    })),
    Containers: [],
    Volumes: [],
    BuildCache: null,
    BuilderSize: 0,
  };
  const byId = new Map(images.map((image) => [image.id, image]));
  const inspect = (image: FakeImage) => {
    const config = (cmd: string[] | null) => ({
      Hostname: "",
      Domainname: "",
      User: "",
      AttachStdin: false,
      AttachStdout: false,
      AttachStderr: false,
      Tty: false,
      OpenStdin: false,
      StdinOnce: false,
      Env: ["PATH=/bin"],
      Cmd: cmd,
      Image: image.parentId,
      Volumes: null,
      WorkingDir: "",
      Entrypoint: null,
      OnBuild: null,
      Labels: image.labels,
    });
    const own = image.steps[image.steps.length - 1];
    const dir = (id: string) => `/var/lib/docker/overlay2/${id.slice(7, 71)}`;
    return {
      Id: image.id,
      RepoTags: image.tags,
      RepoDigests: [],
      Parent: image.parentId,
      Comment: "",
      Created: new Date(image.created * 1000).toISOString(),
      Container: "",
      ContainerConfig: config(["/bin/sh", "-c", own.createdBy.replace(/^\/bin\/sh -c /, "")]),
      DockerVersion: "20.10.24+dfsg1",
      Author: "",
      Config: config(null),
      Architecture: "amd64",
      Os: "linux",
      Size: image.size,
      VirtualSize: image.size,
      GraphDriver: {
        Data: {
          LowerDir: image.chain
            .slice(0, -1)
            .map((layer) => `${dir(layer.chainId)}/diff`)
            .join(":"),
          MergedDir: `${dir(image.id)}/merged`,
          UpperDir: `${dir(image.id)}/diff`,
          WorkDir: `${dir(image.id)}/work`,
        },
        Name: "overlay2",
      },
      RootFS: { Type: "layers", Layers: image.diffIds },
      Metadata: { LastTagTime: "0001-01-01T00:00:00Z" },
    };
  };
  const history = (image: FakeImage) =>
    [...image.steps].reverse().map((step) => {
      const tags = byId.get(step.imageId)?.tags ?? [];
      return { Comment: "", Created: step.created, CreatedBy: step.createdBy, Id: step.imageId, Size: step.size, Tags: tags.length > 0 ? tags : null };
    });
  return { images, listed, everyImage, summary, df, byId, inspect, history };
}

/** Serves the content; `info` overrides /info fields (its ID: one engine ID per fake host). */
export async function startFakeBuilderEngine(content: FakeBuilderContent, info: { ID?: string; Name?: string } = {}) {
  const answers = fakeBuilderAnswers(content);
  // Large answers are serialised once: the fake should cost the bench as little as it can.
  const allJson = JSON.stringify(answers.everyImage.map((image) => answers.summary(image, true)));
  const listedJson = JSON.stringify(answers.listed.map((image) => answers.summary(image, false)));
  const dfJson = JSON.stringify(answers.df);
  const send = (res: http.ServerResponse, body: string) => res.writeHead(200, { "content-type": "application/json" }).end(body);
  const json =
    (body: unknown): FakeRoute =>
    (_req, res) =>
      send(res, JSON.stringify(body));
  const routes: Record<string, FakeRoute> = {
    "/_ping": (_req, res) => res.writeHead(200, { "content-type": "text/plain" }).end("OK"),
    "/version": json({
      Platform: { Name: "" },
      Version: "20.10.24+dfsg1",
      ApiVersion: "1.41",
      MinAPIVersion: "1.12",
      GitCommit: "5d6db84",
      GoVersion: "go1.19.8",
      Os: "linux",
      Arch: "amd64",
      KernelVersion: "6.1.0-fake",
      BuildTime: "2026-05-07T21:09:36.000000000+00:00",
    }),
    "/info": (_req, res) =>
      send(
        res,
        JSON.stringify({
          ID: info.ID ?? "FAKE:BUILDER:HOST",
          Name: info.Name ?? "fake-builder-host",
          Containers: 0,
          Images: answers.images.length,
          Driver: "overlay2",
          DriverStatus: [
            ["Backing Filesystem", "extfs"],
            ["Supports d_type", "true"],
          ],
          DockerRootDir: "/var/lib/docker",
          LoggingDriver: "json-file",
          SystemTime: new Date().toISOString(),
          KernelVersion: "6.1.0-fake",
          OperatingSystem: "Debian GNU/Linux 12 (bookworm) (FAKE)",
          OSType: "linux",
          Architecture: "x86_64",
          NCPU: 2,
          MemTotal: 25_276_059_648,
          ServerVersion: "20.10.24+dfsg1",
        }),
      ),
    "/images/json": (req, res) => send(res, /[?&]all=(1|true)/.test(req.url ?? "") ? allJson : listedJson),
    "/system/df": (_req, res) => send(res, dfJson),
    "/containers/json": json([]),
    "/volumes": json({ Volumes: [], Warnings: null }),
    // Nothing happens on a fake host: its event stream between two times is empty.
    "/events": (_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(),
    "*": (req, res) => {
      const path = (req.url ?? "").split("?")[0].replace(/^\/v1\.\d+/, "");
      const match = path.match(/^\/images\/(sha256:[0-9a-f]{64})\/(json|history)$/);
      const image = match ? answers.byId.get(match[1]) : undefined;
      if (!match || !image) return res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ message: `No such image: ${path}` }));
      send(res, JSON.stringify(match[2] === "json" ? answers.inspect(image) : answers.history(image)));
    },
  };
  const server = await startFakeEngineServer(routes);
  return { ...server, imageCount: answers.images.length };
}
