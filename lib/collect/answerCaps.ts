// The largest answer Ballast reads for each kind of request it makes to an engine or a Ballast host
// agent, so a hostile or broken host cannot make one poll hold more than that in memory
// (BALLAST_MAX_RESPONSE_BYTES stays the ceiling over all of them). A request of a kind not listed here
// gets UNKNOWN_KIND_CAP: a new request kind fails closed (a small cap) until it is given a measured
// size, and a test requires every request Ballast makes to have its own entry.
//
// Engine API sizes are derived from real engines (tests/fixtures/engines, Docker 20.10, 26.1, 28.5;
// overlay2 and containerd): /version ≤ 836 B, /info ≤ 1.7 kB, and per item at most 563 B (image, in
// /system/df and /images/json alike), 888 B (container), 267 B (volume), 283 B (build cache record). A
// real 1,250-image host's /system/df is under 1 MB. Each cap allows a very large host — 20,000 images,
// 10,000 containers, 10,000 volumes, 20,000 build cache records — at those largest measured item sizes,
// rounded up to a power of two with room for labels and long names.
//
// Why not more: a JSON answer costs about 4–5× its size while it is read, parsed and validated (the
// bytes, the text, the parsed objects and their validated copy). Measured with a FAKE engine answering
// every request just under these caps (tests/integration/collect/hostileEngine.test.ts), one whole
// poll grew RSS by about +200 MB; with the earlier 128 MiB /system/df and 48 MiB list caps it grew by
// +620 MB. A host larger than these caps fails its poll with `too_large`, naming the cap.
//
// The agent's own answers (lib/agent/protocol.ts) are derived from their shape: /ballast/v1/info is four
// fields (~100 B); /ballast/v1/disk is at most a few filesystems and stores with their paths (< 2 kB);
// /ballast/v1/logs is one entry per container — id, driver, total (~150 B) — plus one per log file, a path
// under the data root and a size (~300 B with a 200-character data root): 10,000 containers with 5
// files each (json-file's max-file=5, or local's default 5) is 10,000 × (150 + 5 × 300) B = 16.5 MB.

const KiB = 1024;
const MiB = 1024 * KiB;

/** Any request kind without an entry below: small, so a forgotten kind cannot be a way in. */
export const UNKNOWN_KIND_CAP = 64 * KiB;

/** [pattern over the unversioned path, cap in bytes], first match wins. */
export const ANSWER_CAPS: readonly (readonly [RegExp, number])[] = [
  [/^\/(version|_ping)$/, 64 * KiB],
  [/^\/info$/, 1 * MiB],
  // 20,000 × 563 + 10,000 × 888 + 10,000 × 267 + 20,000 × 283 B = 28.5 MB.
  [/^\/system\/df$/, 32 * MiB],
  // One image's history: up to 256 steps (overlay2 stops at 128 layers, plus metadata steps) × 4 KiB (a long RUN line each).
  [/^\/images\/[^/]+\/history$/, 1 * MiB],
  // One image or container inspected: real ones are 2–10 kB; environment and labels can grow them 100-fold.
  [/^\/(images|containers)\/[^/]+\/json$/, 1 * MiB],
  // Lists: 20,000 images × 563 B = 11.3 MB; 10,000 containers × 888 B = 8.9 MB; 10,000 volumes × 267 B = 2.7 MB.
  [/^\/(images|containers)\/json$/, 16 * MiB],
  [/^\/volumes$/, 8 * MiB],
  // Events between two polls (always with `until`: the answer ends). The engine keeps only recent events
  // in memory; 4 MiB is thousands of events at ~1 kB each (labels included), more than it keeps.
  [/^\/events$/, 4 * MiB],
  // Prune answers list what went: one {"Untagged"}/{"Deleted"} line (≤ 200 B) per tag and image of the
  // 20,000, or one 25-character id per build cache record.
  [/^\/(images|containers|volumes|build)\/prune$/, 8 * MiB],
  // DELETE /images/{name}: one {"Untagged"} or {"Deleted"} line per tag and per untagged parent that
  // went with it — at most an image's layer chain (overlay2 stops at 128) and its tags, ≤ 300 B each.
  // A tag holds slashes (registry/repo:tag), so the name is anything after /images/.
  [/^\/images\/.+$/, 1 * MiB],
  // DELETE /containers/{id} and /volumes/{name}: 204 with no body.
  [/^\/(containers|volumes)\/[^/]+$/, 64 * KiB],
  // The agent's own endpoints (see above).
  [/^\/ballast\/v1\/(info|disk)$/, 64 * KiB],
  [/^\/ballast\/v1\/logs$/, 24 * MiB],
];

/** The cap for one request path (with or without its /v1.NN prefix or query), never above `ceiling`. */
export function answerCapFor(path: string, ceiling: number): number {
  const unversioned = path.split("?")[0].replace(/^\/v\d+\.\d+(?=\/)/, "");
  const cap = ANSWER_CAPS.find(([pattern]) => pattern.test(unversioned))?.[1] ?? UNKNOWN_KIND_CAP;
  return Math.min(cap, ceiling);
}
