import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain ESM script shared with the browser tests
import { TEST_ENGINES } from "@/scripts/test-env/engines.mjs";
import { recordEngineFigure } from "@/tests/support/engineFigures";
import { startActionEngine, within1Percent, write, type ActionEngine, type TestEngine } from "@/tests/support/actionEngine";

// Stopped/created containers, anonymous and (when enabled) named volumes: removed without force and
// without v=true, one by one; what is running, referenced or protected stays.

const names = (results: { name: string; outcome: string }[], outcome: string) => results.filter((r) => r.outcome === outcome).map((r) => r.name);

describe.each(TEST_ENGINES as TestEngine[])("approving container and volume cleanups on $name", (testEngine) => {
  let engine: ActionEngine;
  beforeAll(async () => {
    process.env.BALLAST_INCLUDE_NAMED_VOLUMES = "true";
    engine = await startActionEngine(`containers-${testEngine.name}`, { engine: testEngine });
    const run = (args: string[]) => engine.docker(["run", "--network", "none", ...args]);
    run(["--name", "exited-writer", "t/base:1", "sh", "-c", write("/data.bin", 400)]);
    run(["--name", "exited-keep", "--label", "ballast.protect=true", "t/base:1", "sh", "-c", write("/k.bin", 50)]);
    run(["-d", "--name", "runner", "t/base:1", "sleep", "86400"]);
    engine.docker(["create", "--network", "none", "--name", "never-started", "t/base:1", "true"]);
    // An orphaned anonymous volume with data, a named one with data, and a named one still referenced.
    const anon = engine.docker(["volume", "create"]);
    run(["--rm", "-v", `${anon}:/v`, "t/base:1", "sh", "-c", write("/v/a.bin", 300)]);
    engine.docker(["volume", "create", "old-data"]);
    run(["--rm", "-v", "old-data:/v", "t/base:1", "sh", "-c", write("/v/o.bin", 200)]);
    run(["--name", "volume-holder", "-v", "held:/v", "t/base:1", "sh", "-c", write("/v/h.bin", 10)]);
  });
  afterAll(async () => {
    delete process.env.BALLAST_INCLUDE_NAMED_VOLUMES;
    await engine?.close();
  });

  it("removes stopped and created containers and reclaims their writable layers", async () => {
    await engine.poll();
    const suggestion = await engine.suggestion("stopped_containers");
    expect(suggestion.targets.map((t: { name: string }) => t.name).sort()).toEqual(["exited-writer", "never-started", "volume-holder"]);
    const { body } = await engine.approve(suggestion.id);
    expect(body.run.status).toBe("done");
    recordEngineFigure(testEngine.name, suggestion.strategy, { expectedBytes: suggestion.bytes, reclaimedBytes: body.run.reclaimedBytes });
    expect(within1Percent(body.run.reclaimedBytes, suggestion.bytes)).toBe(true);
    expect(suggestion.bytes).toBeGreaterThan(400_000);
    const left = engine.docker(["ps", "-a", "--format", "{{.Names}}"]).split("\n").sort();
    expect(left).toEqual(["exited-keep", "runner"]);
  });

  it("removes the orphaned anonymous volume by name", async () => {
    await engine.poll();
    const suggestion = await engine.suggestion("unused_volumes_anonymous");
    expect(suggestion.targets).toHaveLength(1);
    const { body } = await engine.approve(suggestion.id);
    expect(names(body.run.results, "removed")).toEqual([suggestion.targets[0].name]);
    recordEngineFigure(testEngine.name, suggestion.strategy, { expectedBytes: suggestion.bytes, reclaimedBytes: body.run.reclaimedBytes });
    expect(within1Percent(body.run.reclaimedBytes, suggestion.bytes)).toBe(true);
    expect(suggestion.bytes).toBeGreaterThan(300_000);
    expect(engine.docker(["volume", "ls", "-q"]).split("\n").sort()).toEqual(["held", "old-data"]);
  });

  it("removes unused named volumes when BALLAST_INCLUDE_NAMED_VOLUMES is on", async () => {
    const suggestion = await engine.suggestion("unused_volumes_named");
    expect(suggestion.actionable).toBe(true);
    // "held" lost its container in the first test, so both named volumes are unused now.
    expect(suggestion.targets.map((t: { name: string }) => t.name).sort()).toEqual(["held", "old-data"]);
    const { body } = await engine.approve(suggestion.id);
    expect(body.run.status).toBe("done");
    recordEngineFigure(testEngine.name, suggestion.strategy, { expectedBytes: suggestion.bytes, reclaimedBytes: body.run.reclaimedBytes });
    expect(within1Percent(body.run.reclaimedBytes, suggestion.bytes)).toBe(true);
    expect(engine.docker(["volume", "ls", "-q"])).toBe("");
  });
});
