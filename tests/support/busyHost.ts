import type { HostSnapshot } from "@/lib/collect/schema";
import { bigHostSnapshot } from "./bigHost";

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
