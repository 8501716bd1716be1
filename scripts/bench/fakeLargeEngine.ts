import crypto from "node:crypto";
import { ENGINE_BASICS, sendJson, type FakeRoute } from "../../tests/support/fakeEngineServer";

// Answers of a FAKE large engine for scale benchmarks: `imageCount` images on `baseCount` bases, each
// with `ownLayers` layers of its own, plus containers and volumes. Sizes are made up; only the volume
// of data matters here (exactness is tested against real engines).

const sha = (text: string) => `sha256:${crypto.createHash("sha256").update(text).digest("hex")}`;
const hex = (text: string) => crypto.createHash("sha256").update(text).digest("hex");

export function largeEngineRoutes({ imageCount = 1250, baseCount = 25, ownLayers = 3, containerCount = 500, volumeCount = 300 } = {}): Record<
  string,
  FakeRoute
> {
  const images = Array.from({ length: imageCount }, (_, i) => {
    const base = i % baseCount;
    const diffIds = [sha(`base${base}-0`), sha(`base${base}-1`), ...Array.from({ length: ownLayers }, (_, k) => sha(`img${i}-${k}`))];
    const sizes = [80_000_000, 5_000_000, ...Array.from({ length: ownLayers }, (_, k) => 1_000_000 + ((i * 7919 + k) % 50_000_000))];
    return { id: sha(`image${i}`), tag: `team${i % 40}/service${i}:v${i % 5}`, diffIds, sizes };
  });
  const byId = new Map(images.map((image) => [image.id, image]));
  const routes: Record<string, FakeRoute> = {
    ...ENGINE_BASICS,
    "/system/df": sendJson({
      LayersSize: 0,
      Images: images.map((image) => ({
        Id: image.id,
        Size: image.sizes.reduce((a, b) => a + b, 0),
        SharedSize: 85_000_000,
        Containers: 0,
        RepoTags: [image.tag],
      })),
      Containers: Array.from({ length: containerCount }, (_, i) => ({
        Id: hex(`c${i}`),
        Names: [`/c${i}`],
        Image: images[i % imageCount].tag,
        ImageID: images[i % imageCount].id,
        Command: "sh",
        Created: 1_700_000_000,
        State: i % 3 ? "running" : "exited",
        Status: "Up",
        SizeRw: i * 1000,
        SizeRootFs: 0,
        Labels: { team: `t${i % 7}` },
        Mounts: [{ Type: "volume", Name: `v${i % volumeCount}`, Source: "/s", Destination: "/d" }],
      })),
      Volumes: Array.from({ length: volumeCount }, (_, i) => ({
        Name: `v${i}`,
        Driver: "local",
        Mountpoint: "/m",
        CreatedAt: "2026-01-01T00:00:00Z",
        Labels: {},
        UsageData: { Size: i * 10_000, RefCount: 1 },
      })),
      BuildCache: Array.from({ length: 200 }, (_, i) => ({
        ID: `bc${i}`,
        Type: "regular",
        Description: "",
        InUse: false,
        Shared: i % 2 === 0,
        Size: 1000 * i,
        CreatedAt: "2026-01-01T00:00:00Z",
        LastUsedAt: "2026-01-02T00:00:00Z",
        UsageCount: 1,
      })),
    }),
    // What the host agent lists to measure logs (the log files themselves do not exist: 0 bytes each).
    "/containers/json": sendJson(Array.from({ length: containerCount }, (_, i) => ({ Id: hex(`c${i}`) }))),
    "/images/json": sendJson(
      images.map((image) => ({
        Id: image.id,
        ParentId: "",
        RepoTags: [image.tag],
        RepoDigests: [],
        Created: 1_700_000_000,
        Size: image.sizes.reduce((a, b) => a + b, 0),
        Labels: {},
      })),
    ),
  };
  const dynamic: FakeRoute = (req, res) => {
    // Versioned paths (/v1.41/…) as the negotiating collector sends them.
    const url = (req.url ?? "").split("?")[0].replace(/^\/v1\.\d+/, "");
    const imageMatch = url.match(/^\/images\/(sha256:[0-9a-f]{64})\/(json|history)$/);
    if (imageMatch) {
      const image = byId.get(imageMatch[1])!;
      if (imageMatch[2] === "json") return sendJson({ Id: image.id, RootFS: { Type: "layers", Layers: image.diffIds } })(req, res);
      return sendJson(image.sizes.map((Size, k) => ({ Created: 1_700_000_000, CreatedBy: `RUN step ${k}`, Size, Comment: "" })).reverse())(req, res);
    }
    if (/^\/containers\/[0-9a-f]{64}\/json$/.test(url))
      return sendJson({ Id: url.split("/")[2], LogPath: "/var/lib/docker/x-json.log", HostConfig: { LogConfig: { Type: "json-file", Config: {} } } })(req, res);
    res.writeHead(404).end("{}");
  };
  return new Proxy(routes, {
    get: (target, key: string) => target[key] ?? (key.startsWith("/images/sha256:") || key.startsWith("/containers/") ? dynamic : undefined),
  });
}
