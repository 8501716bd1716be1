// glibc malloc settings for the server process (scripts/start.mjs sets them in its environment; glibc
// reads them once, at process start). Measured on this machine (issue 14), the server's RSS right
// after start: 368–384 MB with glibc's defaults, 283 MB with these three. Most of the difference is
// memory V8 mallocs and frees while it compiles (Prisma's wasm query compiler tiering up, the route
// bundles), which glibc kept: in up to 8 × cores arenas (one per thread that ever mallocs: V8's
// compiler threads, libuv's pool, the store worker), and as free space it never trimmed.
// - arena_max=2: two arenas for every thread instead of up to 16 on 2 cores;
// - trim_threshold=128 KiB: free space at the top of an arena goes back to the system past 128 KiB
//   (glibc's default raises this threshold as large blocks are freed, up to 64 MiB);
// - mmap_threshold=128 KiB: blocks of 128 KiB and more get their own mapping, unmapped when freed
//   (the default threshold also rises, to 32 MiB, and such blocks then stay in the arenas).
// Settings a person gave (GLIBC_TUNABLES, or the older MALLOC_ARENA_MAX, MALLOC_TRIM_THRESHOLD_,
// MALLOC_MMAP_THRESHOLD_) win. Other C libraries (musl) and systems ignore these variables.
export const MALLOC_TUNABLES = { "glibc.malloc.arena_max": "2", "glibc.malloc.trim_threshold": "131072", "glibc.malloc.mmap_threshold": "131072" };

const LEGACY = {
  "glibc.malloc.arena_max": "MALLOC_ARENA_MAX",
  "glibc.malloc.trim_threshold": "MALLOC_TRIM_THRESHOLD_",
  "glibc.malloc.mmap_threshold": "MALLOC_MMAP_THRESHOLD_",
};

/** GLIBC_TUNABLES for the server: the person's own, plus ours for every setting they left alone. */
export function serverGlibcTunables(env) {
  const given = (env.GLIBC_TUNABLES ?? "").split(":").filter(Boolean);
  const named = new Set(given.map((pair) => pair.split("=")[0]));
  const added = Object.entries(MALLOC_TUNABLES)
    .filter(([name]) => !named.has(name) && !env[LEGACY[name]])
    .map(([name, value]) => `${name}=${value}`);
  return [...given, ...added].join(":");
}
