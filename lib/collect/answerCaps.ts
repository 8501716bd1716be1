// The largest answer Ballast reads for each kind of Engine API request, so a hostile or broken
// engine cannot make one poll hold more than that in memory (BALLAST_MAX_RESPONSE_BYTES stays the
// ceiling over all of them). Derived from real engines (tests/fixtures/engines, Docker 20.10, 26.1,
// 28.5; overlay2 and containerd): /version ≤ 836 B, /info ≤ 1.7 kB, and per /system/df item at most
// 563 B (image), 888 B (container), 267 B (volume), 283 B (build cache record). Each cap allows a
// large host — 20,000 images, 10,000 containers, 10,000 volumes, 20,000 build cache records — at
// 2 KiB per item (about twice the largest item measured, for labels and long names), rounded up.

const KiB = 1024;
const MiB = 1024 * KiB;

/** [pattern over the unversioned path, cap in bytes], first match wins. */
export const ANSWER_CAPS: readonly (readonly [RegExp, number])[] = [
  [/^\/(version|_ping)$/, 64 * KiB],
  [/^\/info$/, 1 * MiB],
  // 60,000 items × 2 KiB = 117 MiB.
  [/^\/system\/df$/, 128 * MiB],
  // One image's history: up to 1,000 steps × 4 KiB (a long RUN line each).
  [/^\/images\/[^/]+\/history$/, 4 * MiB],
  // One image or container inspected: real ones are 2–10 kB; environment and labels can grow them.
  [/^\/(images|containers)\/[^/]+\/json$/, 4 * MiB],
  // Lists: 20,000 images or 10,000 containers × 2 KiB.
  [/^\/(images|containers)\/json$/, 48 * MiB],
  [/^\/volumes$/, 24 * MiB],
  // Prune and delete answers list what went: bounded by the lists above.
  [/^\/(images|containers|volumes|build)\/prune$/, 48 * MiB],
];

/** The cap for one request path (with or without its /v1.NN prefix), never above `ceiling`. */
export function answerCapFor(path: string, ceiling: number): number {
  const unversioned = path.split("?")[0].replace(/^\/v\d+\.\d+(?=\/)/, "");
  const cap = ANSWER_CAPS.find(([pattern]) => pattern.test(unversioned))?.[1] ?? 48 * MiB;
  return Math.min(cap, ceiling);
}
