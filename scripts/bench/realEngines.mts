// Real private dockerds (20.10, overlay2) of ~65, ~650 and ~1,250 images, built once by
// scripts/test-env/manyImages.mjs and cached under .test-env/many-images: each poll measured side by
// side with `docker system df -v` on the same engine (alternated, medians), and what a poll adds to
// the database for an unchanged host and for a busy one (tags and container counts change every poll).
import { collectSnapshot, memoryImageFactsCache } from "../../lib/collect/collectSnapshot";
import { createEngineClient } from "../../lib/collect/engine";
import { parseEndpoint } from "../../lib/collect/endpoint";
import type { HostSnapshot } from "../../lib/collect/schema";
import { createHost } from "../../lib/store/hosts";
import { databaseImageFactsCache } from "../../lib/store/imageFacts";
import { saveSnapshot } from "../../lib/store/snapshotWriter";
import { alternate, kb, ms, row } from "./benchTable.mts";
import { databaseBytes } from "./databaseBytes.mts";
import { dockerDfVerbose } from "./engineCallCosts.mts";

export const REAL_ENGINE = "docker-20.10-overlay2";
export const IMAGE_COUNTS = [65, 650, 1250];

async function growthPerPoll(file: string, polls: number, save: (i: number) => Promise<unknown>): Promise<number> {
  const before = databaseBytes(file);
  for (let i = 0; i < polls; i += 1) await save(i);
  return (databaseBytes(file) - before) / polls;
}

/** A CI host between two polls: some tags moved, some images gained or lost containers. */
export function busyVariant(snapshot: HostSnapshot, i: number): HostSnapshot {
  const images = snapshot.images.map((image, k) => {
    const retagged = k % 50 === i % 50 && image.tags.length > 0 ? { ...image, tags: [...image.tags, `ballast-busy/ci:${i}-${k}`] } : image;
    return k % 40 === i % 40 ? { ...retagged, containers: retagged.containers + 1 + (i % 3) } : retagged;
  });
  return { ...snapshot, takenAt: new Date(Date.parse(snapshot.takenAt) + (i + 1) * 300_000).toISOString(), images };
}

/**
 * The cached engine of about `count` images (issue 14's builder fills what is missing). Its exec root
 * goes under /tmp: containerd refuses socket paths over 104 bytes, which a deep checkout's
 * .test-env/many-images/…/exec/containerd/containerd-debug.sock exceeds.
 */
export async function startImagesEngine(count: number): Promise<{ dockerHost: string; images: number }> {
  // @ts-expect-error plain ESM scripts (issue 14's image builder, the test environment's dockerd)
  const { manyImagesDir, fillWithImages, shortExecRoot } = await import("../test-env/manyImages.mjs");
  // @ts-expect-error plain ESM scripts
  const { startPrivateDockerd } = await import("../test-env/privateDockerd.mjs");
  const dir = manyImagesDir(REAL_ENGINE, count);
  const started = await startPrivateDockerd(dir, { extraArgs: ["--exec-root", shortExecRoot(dir)] });
  return { dockerHost: started.dockerHost, images: await fillWithImages(started.dockerHost, count) };
}

/** One engine's rows; returns its snapshot (the server section serves the largest). */
async function engineRows(count: number, dbFile: string, rounds: number): Promise<{ dockerHost: string; hostId: string; snapshot: HostSnapshot }> {
  const engine = await startImagesEngine(count);
  const label = `real ${REAL_ENGINE}, ${engine.images} images`;
  const client = createEngineClient(parseEndpoint(engine.dockerHost));
  const df = dockerDfVerbose(engine.dockerHost);
  const cold = await alternate(() => collectSnapshot(client, memoryImageFactsCache()), df, Math.max(3, Math.floor(rounds / 2)));
  row({
    section: "polls",
    label: `${label}: first (cold) poll ÷ docker system df -v`,
    value: `${(cold.a / cold.b).toFixed(2)}× (${ms(cold.a)} vs ${ms(cold.b)})`,
    numbers: { ratio: cold.a / cold.b, pollMs: cold.a, dfMs: cold.b },
    target: "≤ 3×",
    met: cold.a / cold.b <= 3,
  });
  const host = await createHost({ name: `bench-real-${count}`, endpoint: engine.dockerHost });
  const facts = databaseImageFactsCache(host.id);
  const first = await collectSnapshot(client, facts);
  await saveSnapshot(host.id, first, facts.pending);
  const steady = await alternate(() => collectSnapshot(client, databaseImageFactsCache(host.id)), df, rounds);
  row({
    section: "polls",
    label: `${label}: steady poll ÷ docker system df -v`,
    value: `${(steady.a / steady.b).toFixed(2)}× (${ms(steady.a)} vs ${ms(steady.b)})`,
    numbers: { ratio: steady.a / steady.b, pollMs: steady.a, dfMs: steady.b },
    target: "≤ 1.1× on 20.10 (≤ 0.5× on API ≥ 1.42)",
    met: steady.a / steady.b <= 1.1,
  });
  // 20 polls: growth is measured in whole 4 kB pages, so 5 polls could only ever read 0, 0.8 or 1.6 kB.
  const unchanged = await growthPerPoll(dbFile, 20, async () => saveSnapshot(host.id, await collectSnapshot(client, databaseImageFactsCache(host.id))));
  row({
    section: "database",
    label: `${label}: growth per poll, host unchanged`,
    value: kb(unchanged),
    numbers: { bytesPerPoll: unchanged },
    target: "≤ 1 kB",
    met: unchanged <= 1000,
  });
  if (count === IMAGE_COUNTS.at(-1)) {
    const busy = await growthPerPoll(dbFile, 5, (i) => saveSnapshot(host.id, busyVariant(first, i)));
    row({
      section: "database",
      label: `${label}: growth per poll, tags and container counts change every poll`,
      value: kb(busy),
      numbers: { bytesPerPoll: busy },
      target: "≤ 20 kB",
      met: busy <= 20_000,
    });
  }
  return { dockerHost: engine.dockerHost, hostId: host.id, snapshot: first };
}

/** Every engine's rows; leaves the engines running for the server section and returns how to stop them. */
export async function realEngineSections(dbFile: string, rounds = 7) {
  const engines = [];
  for (const count of IMAGE_COUNTS) engines.push({ count, ...(await engineRows(count, dbFile, rounds)) });
  return engines;
}

export async function stopRealEngines() {
  // @ts-expect-error plain ESM scripts
  const { manyImagesDir } = await import("../test-env/manyImages.mjs");
  // @ts-expect-error plain ESM scripts
  const { stopPrivateDockerd } = await import("../test-env/privateDockerd.mjs");
  for (const count of IMAGE_COUNTS) await stopPrivateDockerd(manyImagesDir(REAL_ENGINE, count));
}
