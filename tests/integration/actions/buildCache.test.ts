import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain ESM script shared with the browser tests
import { TEST_ENGINES } from "@/scripts/test-env/engines.mjs";
import { engineGet } from "@/tests/support/engineCli";
import { recordEngineFigure } from "@/tests/support/engineFigures";
import { startActionEngine, within1Percent, write, type ActionEngine, type TestEngine } from "@/tests/support/actionEngine";

// Private BuildKit cache records, pruned one at a time by anchored ID: exactly the listed records go.

type Df = { BuildCache: { ID: string; Shared: boolean; Size: number }[] };

describe.each(TEST_ENGINES.filter((e: TestEngine) => !e.containerdStore) as TestEngine[])("approving a build cache cleanup on $name", (testEngine) => {
  let engine: ActionEngine;
  beforeAll(async () => {
    process.env.BALLAST_BUILD_CACHE_DAYS = "0";
    engine = await startActionEngine(`buildcache-${testEngine.name}`, { engine: testEngine });
    engine.build(
      "t/bk:1",
      `FROM t/base:1 AS builder\nRUN ${write("/big.bin", 400)} && ${write("/small.bin", 20)}\nFROM t/base:1\nCOPY --from=builder /small.bin /small.bin\n`,
      { buildkit: true },
    );
    await new Promise((resolve) => setTimeout(resolve, 1_100));
  });
  afterAll(async () => {
    delete process.env.BALLAST_BUILD_CACHE_DAYS;
    await engine?.close();
  });

  it("removes the private records and keeps the ones images share", async () => {
    await engine.poll();
    const suggestion = await engine.suggestion("build_cache");
    expect(suggestion.bytes).toBeGreaterThan(400_000);
    const shared = ((await engineGet(engine.dockerHost, "/system/df")) as Df).BuildCache.filter((r) => r.Shared).map((r) => r.ID);
    const { body } = await engine.approve(suggestion.id);
    expect(body.run.status).toBe("done");
    recordEngineFigure(testEngine.name, suggestion.strategy, { expectedBytes: suggestion.bytes, reclaimedBytes: body.run.reclaimedBytes });
    expect(within1Percent(body.run.reclaimedBytes, suggestion.bytes)).toBe(true);
    const left = ((await engineGet(engine.dockerHost, "/system/df")) as Df).BuildCache;
    expect(left.filter((r) => !r.Shared)).toEqual([]);
    expect(left.map((r) => r.ID).sort()).toEqual(shared.sort());
  });
});
