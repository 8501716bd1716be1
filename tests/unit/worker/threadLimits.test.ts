import { afterEach, describe, expect, it } from "vitest";
import { threadLimits } from "@/lib/worker/threadLimits";

describe("worker thread limits", () => {
  afterEach(() => {
    delete process.env.BALLAST_WORKER_HEAP_MB;
  });

  it("bounds the heap by BALLAST_WORKER_HEAP_MB and the young generation to the server's 4 MB semi-spaces", () => {
    expect(threadLimits()).toEqual({ maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 12 });
    process.env.BALLAST_WORKER_HEAP_MB = "1024";
    expect(threadLimits().maxOldGenerationSizeMb).toBe(1024);
  });
});
