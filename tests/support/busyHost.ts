import type { HostSnapshot } from "@/lib/collect/schema";
import { bigHostSnapshot } from "./bigHost";
import { hex64 } from "./snapshotBuilder";

// A busy CI host as the store sees it poll after poll (issue 14): bigHost's 1,250 images, and at every
// poll 10 tags move to other images, 10 images' container counts change, and every 7th poll the one image
// that is away comes back and another goes. Only the image part changes: the containers, volumes and build cache
// stay as they are, so the database growth measured is the image part's own.

const MOVED_TAGS = 10;
const COUNTS_CHANGED = 10;

/** The snapshot of poll `poll` (0 = the first) of the busy host, taken 5 minutes after the previous one. */
export function busyHostPoll(poll: number, base: HostSnapshot = bigHostSnapshot()): HostSnapshot {
  const images = base.images.map((image) => ({ ...image, tags: [...image.tags] }));
  const n = images.length;
  for (let p = 1; p <= poll; p++) {
    for (let k = 0; k < MOVED_TAGS; k++) {
      const from = images[(p * 37 + k * 101) % n];
      const to = images[(p * 53 + k * 211 + 1) % n];
      if (from === to || from.tags.length === 0) continue;
      to.tags.push(from.tags.pop()!);
    }
    for (let k = 0; k < COUNTS_CHANGED; k++) images[(p * 17 + k * 89) % n].containers = (p + k) % 3;
  }
  for (const image of images) image.dangling = image.tags.length === 0;
  // One image is away at a time: every 7th poll it comes back (re-pulled) and another one goes.
  const gone = (Math.floor(poll / 7) * 131) % n;
  return {
    ...base,
    takenAt: new Date(Date.parse("2026-11-01T00:00:00.000Z") + poll * 300_000).toISOString(),
    images: images.filter((_, index) => index !== gone),
  };
}

const STANDING_CONTAINERS = 40;
const JOBS_PER_POLL = 2;
const WRITERS = 5;

/**
 * The busy host with containers as a CI runner has them: 40 at a time, compose-labelled, each with a
 * volume mount and json-file logs; at every poll 2 finished jobs' containers go and 2 new ones come, and
 * 5 running ones' writable layers grow. Its images change as in busyHostPoll.
 */
export function busyHostWithContainersPoll(poll: number, base: HostSnapshot = bigHostSnapshot()): HostSnapshot {
  const snapshot = busyHostPoll(poll, base);
  const images = snapshot.images;
  const first = poll * JOBS_PER_POLL;
  const containers = Array.from({ length: STANDING_CONTAINERS }, (_, slot) => {
    const job = first + slot;
    const image = images[(job * 31) % images.length];
    const id = hex64(`busy-container:${job}`);
    return {
      id,
      name: `runner-job-${job}`,
      imageId: image.id,
      image: image.tags[0] ?? image.id,
      command: "/bin/sh -c 'make test'",
      state: slot % 4 === 0 ? "exited" : "running",
      status: slot % 4 === 0 ? "Exited (0)" : "Up",
      createdAt: new Date(Date.parse("2026-11-01T00:00:00.000Z") + job * 150_000).toISOString(),
      writableBytes: 1_000_000 + (slot < WRITERS ? poll * 4096 : 0) + job,
      rootFsBytes: 60_000_000 + job,
      labels: { "com.docker.compose.project": `ci-${job % 7}`, "com.docker.compose.service": "test", "ci.job": String(job) },
      mounts: [{ type: "volume", name: `cache-${job % 7}`, source: `/var/lib/docker/volumes/cache-${job % 7}/_data`, destination: "/cache" }],
      logDriver: "json-file",
      logOptions: { "max-size": "10m" },
      logPath: `/var/lib/docker/containers/${id}/${id}-json.log`,
      logBytes: null,
    };
  });
  return { ...snapshot, containers } as HostSnapshot;
}
