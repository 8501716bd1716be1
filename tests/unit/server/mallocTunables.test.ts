import { describe, expect, it } from "vitest";
import { serverGlibcTunables } from "@/scripts/server/mallocTunables.mjs";

// scripts/start.mjs starts the server with fewer malloc arenas and lower trim / mmap thresholds
// (issue 14: RSS), unless the person running it chose those settings.

describe("the server's glibc malloc settings", () => {
  it("sets two arenas and 128 KiB trim and mmap thresholds by default", () => {
    expect(serverGlibcTunables({})).toBe("glibc.malloc.arena_max=2:glibc.malloc.trim_threshold=131072:glibc.malloc.mmap_threshold=131072");
  });

  it("keeps the person's GLIBC_TUNABLES and adds only what they did not set", () => {
    expect(serverGlibcTunables({ GLIBC_TUNABLES: "glibc.malloc.arena_max=4:glibc.cpu.hwcaps=-AVX2" })).toBe(
      "glibc.malloc.arena_max=4:glibc.cpu.hwcaps=-AVX2:glibc.malloc.trim_threshold=131072:glibc.malloc.mmap_threshold=131072",
    );
  });

  it("leaves a setting alone that the older MALLOC_* variables give", () => {
    expect(serverGlibcTunables({ MALLOC_ARENA_MAX: "8", MALLOC_MMAP_THRESHOLD_: "65536" })).toBe("glibc.malloc.trim_threshold=131072");
  });
});
