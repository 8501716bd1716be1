import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain ESM script shared with the browser tests
import { TEST_ENGINES } from "@/scripts/test-env/engines.mjs";
import { GET as auditRoute } from "@/app/api/audit/route";
import { engineGet } from "@/tests/support/engineCli";
import { recordEngineFigure } from "@/tests/support/engineFigures";
import { ADMIN, startActionEngine, within1Percent, write, type ActionEngine, type TestEngine } from "@/tests/support/actionEngine";
import { jsonOf, request } from "@/tests/support/routes";

// Dangling and unused images on a private engine: approve, see them gone, and the bytes the savings
// table promised match what the next snapshot (and Docker's own LayersSize) lost.

type Df = { LayersSize: number };

describe.each(TEST_ENGINES as TestEngine[])("approving image cleanups on $name", (testEngine) => {
  let engine: ActionEngine;
  beforeAll(async () => {
    process.env.BALLAST_UNUSED_IMAGE_DAYS = "30";
    engine = await startActionEngine(`images-${testEngine.name}`, { engine: testEngine });
    engine.build("t/app:1", `FROM t/base:1\nRUN ${write("/app.bin", 300)}\n`);
    for (const round of ["1", "2"]) engine.build("t/churn:1", `FROM t/base:1\nARG R\nRUN ${write("/c.bin", 200)} && echo $R > /r\n`, { args: { R: round } });
    engine.build("t/keep:1", `FROM t/base:1\nRUN ${write("/k.bin", 100)}\nLABEL ballast.protect=true\n`);
    engine.build("t/used:1", `FROM t/base:1\nRUN ${write("/u.bin", 100)}\n`);
    engine.docker(["create", "--network", "none", "--name", "holder", "t/used:1", "true"]);
  });
  afterAll(async () => {
    delete process.env.BALLAST_UNUSED_IMAGE_DAYS;
    await engine?.close();
  });

  it("removes the dangling image and reclaims the bytes the suggestion promised", async () => {
    const before = await engine.poll();
    const suggestion = await engine.suggestion("dangling_images");
    expect(suggestion.targets).toHaveLength(1);
    expect(suggestion.bytes).toBeGreaterThan(200_000);
    const dfBefore = (await engineGet(engine.dockerHost, "/system/df")) as Df;

    const { status, body } = await engine.approve(suggestion.id);
    expect(status).toBe(200);
    expect(body.run).toMatchObject({ status: "done", expectedBytes: suggestion.bytes, snapshotBeforeId: before.id });
    expect(body.run.results).toEqual([expect.objectContaining({ kind: "image", id: suggestion.targets[0].id, outcome: "removed" })]);
    expect(engine.docker(["images", "-q", "--no-trunc", "-f", "dangling=true"])).toBe("");
    const dfAfter = (await engineGet(engine.dockerHost, "/system/df")) as Df;
    recordEngineFigure(testEngine.name, suggestion.strategy, { expectedBytes: suggestion.bytes, reclaimedBytes: body.run.reclaimedBytes });
    expect(within1Percent(body.run.reclaimedBytes, suggestion.bytes)).toBe(true);
    expect(within1Percent(dfBefore.LayersSize - dfAfter.LayersSize, suggestion.bytes)).toBe(true);
  });

  it("removes unused tagged images tag by tag, keeping protected and container-held ones", async () => {
    process.env.BALLAST_UNUSED_IMAGE_DAYS = "0";
    engine.docker(["tag", "t/app:1", "t/app:also"]);
    await engine.poll();
    const suggestion = await engine.suggestion("unused_images");
    const names = suggestion.targets.map((t: { name: string }) => t.name);
    expect(names).toEqual(expect.arrayContaining(["t/app:1, t/app:also", "t/churn:1"]));
    expect(names.join(" ")).not.toMatch(/t\/keep|t\/used/);

    const { body } = await engine.approve(suggestion.id);
    const removed = body.run.results.filter((r: { outcome: string }) => r.outcome === "removed").map((r: { name: string }) => r.name);
    expect(removed).toEqual(expect.arrayContaining(["t/app:1, t/app:also", "t/churn:1"]));
    // t/keep:1 and t/used:1 are built on t/base:1: Docker would only untag it, so it is kept, tag and all.
    expect(body.run.results.find((r: { name: string }) => r.name === "t/base:1")).toMatchObject({
      outcome: "skipped",
      reason: expect.stringMatching(/built on it/),
    });
    recordEngineFigure(testEngine.name, suggestion.strategy, { expectedBytes: suggestion.bytes, reclaimedBytes: body.run.reclaimedBytes });
    expect(within1Percent(body.run.reclaimedBytes, suggestion.bytes)).toBe(true);
    const left = engine.docker(["images", "--format", "{{.Repository}}:{{.Tag}}"]).split("\n");
    expect(left).toEqual(expect.arrayContaining(["t/keep:1", "t/used:1", "t/base:1"]));
    expect(left).not.toContain("t/app:1");
    expect(left).not.toContain("t/app:also");
  });

  it("records both runs in the audit log with the approver", async () => {
    const { body } = await jsonOf(await auditRoute(request("/api/audit", { headers: { cookie: engine.cookie } })));
    const finished = body.entries.filter((e: { action: string }) => e.action === "run_finished");
    expect(finished).toHaveLength(2);
    for (const entry of finished) {
      expect(entry.actor).toBe(ADMIN.username);
      expect(entry.details).toMatchObject({ reclaimedBytes: expect.any(Number), expectedBytes: expect.any(Number), results: expect.any(Array) });
    }
    expect(body.entries.filter((e: { action: string }) => e.action === "run_started")).toHaveLength(2);
  });
});
