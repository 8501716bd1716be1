// SYNTHETIC history for benchmarks: N hosts × D days of polls, written through the real store
// (saveSnapshot / saveFailedSnapshot, the same code a poll runs), so the database has the shape and size
// a real fleet's would. Nothing here talks to Docker; every host, image and container is made up and the
// host names say so ("synthetic-…").
//
//   import { writeSyntheticHistory } from "./syntheticHistory.mts";
//   // DATABASE_URL must name a migrated SQLite file first (lib/store/databaseUrl migrateDatabase()).
//   const { hostIds, from, to, snapshots } = await writeSyntheticHistory({ hosts: 20, days: 30 });
//
// Options: hosts, days, intervalMinutes (5), seed (1: the same seed writes the same history),
// end (the last poll's time, default now rounded down to the interval), imagesPerHost (40),
// containersPerHost (15), volumesPerHost (8), onProgress(done, total).
// Returns the host ids, the time range [from, to] of the polls and the number of snapshots written
// (failed polls included). About 3–5 ms per poll on 2 shared cores.
//
// What changes from poll to poll (deterministic from the seed), so that the store's sharing of unchanged
// parts is exercised the way a busy host exercises it:
// - containers: most polls 1–3 containers' writable layers and logs grow (the containers part changes);
// - volumes: about one poll in four one volume grows;
// - images: about every 6 hours one repository gets a new version (a new top layer): the tag moves to
//   it, the old version stays as a dangling image, its containers are recreated on the new one; about
//   every 2 days the dangling images are pruned;
// - build cache: about twice a day a build adds records, about every 3 days old ones are pruned;
// - failed polls: about every 5 days a host is unreachable for 2–6 polls (failed snapshots).
import crypto from "node:crypto";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import type { ImageFacts } from "../../lib/collect/collectSnapshot";
import { PollFailure } from "../../lib/collect/pollFailure";
import type { BuildCacheRecord, Container, HostSnapshot, Image, Layer, Volume } from "../../lib/collect/schema";
import { migrateDatabase } from "../../lib/store/databaseUrl";
import { db } from "../../lib/store/db";
import { createHost } from "../../lib/store/hosts";
import { saveFailedSnapshot, saveSnapshot } from "../../lib/store/snapshotWriter";

export type SyntheticHistoryOptions = {
  hosts: number;
  days: number;
  intervalMinutes?: number;
  seed?: number;
  end?: Date;
  imagesPerHost?: number;
  containersPerHost?: number;
  volumesPerHost?: number;
  onProgress?: (done: number, total: number) => void;
};

export type SyntheticHistory = { hostIds: string[]; from: Date; to: Date; snapshots: number };

const sha = (text: string) => crypto.createHash("sha256").update(text).digest("hex");
const digest = (text: string) => `sha256:${sha(text)}`;

/** mulberry32: a small seeded generator, so a seed always writes the same history. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Repo = { name: string; base: Layer[]; version: number; current: Image };

/** One made-up host's state, changed a little at each poll. */
class SyntheticHost {
  readonly engineId: string;
  private readonly layers = new Map<string, Layer>();
  private readonly images = new Map<string, Image>();
  private readonly repos: Repo[] = [];
  private containers: Container[] = [];
  private volumes: Volume[] = [];
  private buildCache: BuildCacheRecord[] = [];
  private builds = 0;
  /** Facts of images created since the last save (what a poll would fetch with inspect + history). */
  newFacts = new Map<string, ImageFacts>();

  constructor(
    readonly name: string,
    private readonly random: () => number,
    private at: Date,
    sizes: { images: number; containers: number; volumes: number },
  ) {
    this.engineId = `SYNTHETIC:${sha(name).slice(0, 12).toUpperCase()}`;
    // Three base images (an OS, a language runtime on it, a slim one) that every repository builds on.
    const os = this.chain(`${name}/os`, [30_000_000, 4_000_000]);
    const runtime = this.chain(`${name}/runtime`, [45_000_000, 12_000_000], os);
    const slim = this.chain(`${name}/slim`, [5_000_000]);
    const bases = [os, runtime, slim];
    for (let i = 0; i < sizes.images; i += 1) {
      const repo: Repo = { name: `synthetic/app${i}`, base: bases[i % 3], version: 0, current: undefined as unknown as Image };
      repo.current = this.buildImage(repo);
      this.repos.push(repo);
    }
    for (let i = 0; i < sizes.containers; i += 1) this.containers.push(this.container(this.repos[i % this.repos.length], i));
    for (let i = 0; i < sizes.volumes; i += 1) this.volumes.push(this.volume(i));
    for (let i = 0; i < 10; i += 1) this.buildCache.push(this.cacheRecord());
  }

  private int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  /** Layers on top of `parent` (chain IDs computed as Docker does). */
  private chain(seed: string, sizes: number[], parent: Layer[] = []): Layer[] {
    const result = [...parent];
    for (const [index, size] of sizes.entries()) {
      const diffId = digest(`${seed}/diff${index}`);
      const below = result.at(-1);
      const chainId = below ? digest(`${below.chainId} ${diffId}`) : diffId;
      const layer: Layer = {
        chainId,
        diffId,
        parentChainId: below?.chainId ?? null,
        sizeBytes: size,
        createdBy: `RUN synthetic step ${index}`,
        createdAt: this.at.toISOString(),
      };
      this.layers.set(chainId, layer);
      result.push(layer);
    }
    return result;
  }

  private buildImage(repo: Repo): Image {
    const seed = `${this.name}/${repo.name}:${repo.version}`;
    const own = this.chain(seed, [this.int(100_000, 20_000_000), this.int(1_000, 2_000_000)], repo.base);
    const image: Image = {
      id: digest(`image ${seed}`),
      tags: [`${repo.name}:latest`],
      digests: [],
      createdAt: this.at.toISOString(),
      parentId: null,
      labels: { "synthetic.version": String(repo.version) },
      chain: own.map((layer) => layer.chainId),
      sizeBytes: own.reduce((sum, layer) => sum + layer.sizeBytes, 0),
      dangling: false,
      intermediate: false,
      engineSizeBytes: null,
      engineSharedBytes: null,
      containers: 0,
    };
    this.images.set(image.id, image);
    // History newest first, one step per layer (what /images/{id}/history gives; no metadata-only steps).
    const history = [...own].reverse().map((layer) => ({ Created: 0, CreatedBy: layer.createdBy ?? "", Size: layer.sizeBytes, Comment: "" }));
    this.newFacts.set(image.id, { diffIds: own.map((layer) => layer.diffId), history });
    return image;
  }

  private container(repo: Repo, index: number): Container {
    const id = sha(`${this.name}/container${index}/${repo.current.id}`);
    return {
      id,
      name: `synthetic-${index}`,
      imageId: repo.current.id,
      image: repo.current.tags[0] ?? repo.current.id,
      command: "/app/run",
      state: index % 5 === 4 ? "exited" : "running",
      status: index % 5 === 4 ? "Exited (0)" : "Up",
      createdAt: this.at.toISOString(),
      writableBytes: this.int(0, 50_000_000),
      rootFsBytes: 0,
      labels: { "com.docker.compose.project": `synthetic${index % 3}` },
      mounts: [{ type: "volume", name: `synthetic-data${index % 8}`, source: "", destination: "/data" }],
      logDriver: "json-file",
      logOptions: {},
      logPath: `/var/lib/docker/containers/${id}/${id}-json.log`,
      logBytes: null,
    };
  }

  private volume(index: number): Volume {
    return {
      name: `synthetic-data${index}`,
      driver: "local",
      anonymous: false,
      mountpoint: `/var/lib/docker/volumes/synthetic-data${index}/_data`,
      createdAt: this.at.toISOString(),
      labels: {},
      sizeBytes: this.int(1_000_000, 2_000_000_000),
      refCount: 1,
    };
  }

  private cacheRecord(): BuildCacheRecord {
    this.builds += 1;
    return {
      id: sha(`${this.name}/cache${this.builds}`).slice(0, 25),
      type: "regular",
      description: `synthetic build step ${this.builds}`,
      inUse: false,
      shared: false,
      sizeBytes: this.int(10_000, 80_000_000),
      createdAt: this.at.toISOString(),
      lastUsedAt: this.at.toISOString(),
      usageCount: 1,
      parents: [],
    };
  }

  /** Moves the host on by one poll interval. */
  advance(at: Date, pollsPerHour: number): void {
    this.at = at;
    const chance = (perHour: number) => this.random() < perHour / pollsPerHour;
    if (this.random() < 0.7) {
      for (let n = this.int(1, 3); n > 0; n -= 1) {
        const i = this.int(0, this.containers.length - 1);
        const c = this.containers[i];
        if (c.state === "running") this.containers[i] = { ...c, writableBytes: c.writableBytes + this.int(4_096, 2_000_000) };
      }
    }
    if (this.random() < 0.25) {
      const i = this.int(0, this.volumes.length - 1);
      this.volumes[i] = { ...this.volumes[i], sizeBytes: (this.volumes[i].sizeBytes ?? 0) + this.int(4_096, 50_000_000) };
    }
    if (chance(1 / 6)) this.newVersion(this.repos[this.int(0, this.repos.length - 1)]);
    if (chance(1 / 48)) for (const image of [...this.images.values()]) if (image.dangling) this.images.delete(image.id);
    if (chance(1 / 12)) for (let n = this.int(1, 4); n > 0; n -= 1) this.buildCache.push(this.cacheRecord());
    if (chance(1 / 72)) this.buildCache = this.buildCache.slice(-10);
  }

  private newVersion(repo: Repo): void {
    const old = repo.current;
    this.images.set(old.id, { ...old, tags: [], dangling: true });
    repo.version += 1;
    repo.current = this.buildImage(repo);
    this.containers = this.containers.map((c, index) => (c.imageId === old.id ? this.container(repo, index) : c));
  }

  snapshot(at: Date): HostSnapshot {
    const inUse = new Map<string, number>();
    for (const c of this.containers) inUse.set(c.imageId, (inUse.get(c.imageId) ?? 0) + 1);
    const images = [...this.images.values()].map((image) => ({ ...image, containers: inUse.get(image.id) ?? 0 }));
    const chains = new Set(images.flatMap((image) => image.chain));
    const layers = [...this.layers.values()].filter((layer) => chains.has(layer.chainId));
    return {
      takenAt: at.toISOString(),
      durationMs: 40,
      engine: {
        id: this.engineId,
        name: this.name,
        version: "28.5.2",
        apiVersion: "1.51",
        maxApiVersion: "1.51",
        imageStore: "graphdriver",
        storageDriver: "overlay2",
        dataRoot: "/var/lib/docker",
        os: "Synthetic Linux",
        arch: "x86_64",
        kernelVersion: "6.1.0",
        cpus: 4,
        memoryBytes: 8_000_000_000,
      },
      layersSizeBytes: layers.reduce((sum, layer) => sum + layer.sizeBytes, 0),
      images,
      layers,
      containers: this.containers,
      volumes: this.volumes,
      buildCache: this.buildCache,
    };
  }
}

/** Writes the history (see the top of this file). The store must already point at a migrated database. */
export async function writeSyntheticHistory(options: SyntheticHistoryOptions): Promise<SyntheticHistory> {
  const intervalMs = (options.intervalMinutes ?? 5) * 60_000;
  const random = seeded(options.seed ?? 1);
  const end = options.end ?? new Date(Math.floor(Date.now() / intervalMs) * intervalMs);
  const polls = Math.max(1, Math.round((options.days * 86_400_000) / intervalMs));
  const from = new Date(end.getTime() - (polls - 1) * intervalMs);
  const pollsPerHour = 3_600_000 / intervalMs;
  const sizes = { images: options.imagesPerHost ?? 40, containers: options.containersPerHost ?? 15, volumes: options.volumesPerHost ?? 8 };
  // A bench database, not a production one: an OS crash mid-run may lose the last commits, which is fine
  // here and makes each commit much cheaper (no fsync per snapshot).
  await db().$queryRawUnsafe("PRAGMA synchronous = OFF");

  const hosts: { id: string; state: SyntheticHost; outageLeft: number }[] = [];
  const stamp = sha(`${options.seed ?? 1}/${end.toISOString()}`).slice(0, 6);
  for (let i = 0; i < options.hosts; i += 1) {
    const name = `synthetic-${stamp}-${String(i + 1).padStart(2, "0")}`;
    const { id } = await createHost({ name, endpoint: `unix:///nonexistent/${name}.sock` });
    const state = new SyntheticHost(name, random, from, sizes);
    await db().host.update({ where: { id }, data: { enabled: false, status: "disabled", engineId: state.engineId, seriesStartedAt: from } });
    hosts.push({ id, state, outageLeft: 0 });
  }
  let snapshots = 0;
  const total = polls * hosts.length;
  for (let poll = 0; poll < polls; poll += 1) {
    const at = new Date(from.getTime() + poll * intervalMs);
    for (const host of hosts) {
      if (poll > 0) host.state.advance(at, pollsPerHour);
      if (host.outageLeft === 0 && poll > 0 && random() < 1 / (5 * 24 * pollsPerHour)) host.outageLeft = 2 + Math.floor(random() * 5);
      if (host.outageLeft > 0) {
        host.outageLeft -= 1;
        await saveFailedSnapshot(host.id, new PollFailure("refused", "synthetic outage: connection refused"), at, 3);
      } else {
        await saveSnapshot(host.id, host.state.snapshot(at), host.state.newFacts);
        host.state.newFacts = new Map();
      }
      snapshots += 1;
    }
    options.onProgress?.(snapshots, total);
  }
  await db().$queryRawUnsafe("PRAGMA synchronous = FULL");
  return { hostIds: hosts.map((host) => host.id), from, to: new Date(from.getTime() + (polls - 1) * intervalMs), snapshots };
}

// As a command: `node --conditions=react-server --import tsx scripts/bench/syntheticHistory.mts
//   --db /tmp/history.db --hosts 20 --days 30 [--seed 1]` writes the history into that file (migrated first).
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const arg = (name: string, fallback: string) => {
    const index = process.argv.indexOf(`--${name}`);
    return index > 0 ? process.argv[index + 1] : fallback;
  };
  process.env.DATABASE_URL = `file:${path.resolve(arg("db", "data/synthetic-history.db"))}`;
  migrateDatabase();
  const started = performance.now();
  const result = await writeSyntheticHistory({
    hosts: Number(arg("hosts", "20")),
    days: Number(arg("days", "30")),
    seed: Number(arg("seed", "1")),
    onProgress: (done, total) => {
      if (done % 5_000 < Number(arg("hosts", "20"))) console.log(`${done} / ${total} snapshots, ${((performance.now() - started) / 1000).toFixed(0)} s`);
    },
  });
  console.log(`SYNTHETIC history: ${result.snapshots} snapshots of ${result.hostIds.length} hosts, ${result.from.toISOString()} – ${result.to.toISOString()}`);
  console.log(`took ${((performance.now() - started) / 1000).toFixed(0)} s`);
  process.exit(0);
}
