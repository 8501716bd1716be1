import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain ESM script shared with the browser tests
import { TEST_ENGINES } from "@/scripts/test-env/engines.mjs";
import { createEngineClient } from "@/lib/collect/engine";
import { parseEndpoint } from "@/lib/collect/endpoint";
import { getParsed } from "@/lib/collect/parsedRequest";
import { historyResponse, imageInspectResponse } from "@/lib/collect/engineResponses";
import { collectPoll, memoryImageFactsCache } from "@/lib/collect/collectSnapshot";
import { pollHost } from "@/lib/poller/pollHost";
import { apiAtLeast } from "@/lib/collect/apiVersion";
import { getHost } from "@/lib/store/hosts";
import { getSnapshot, loadHostSnapshot } from "@/lib/store/snapshotReader";
import { engineGet } from "@/tests/support/engineCli";
import { startActionEngine, write, type ActionEngine, type TestEngine } from "@/tests/support/actionEngine";

// Issue 14: a background poll reads again only the parts the engine's events say changed (or that are
// older than BALLAST_PART_MAX_AGE_SEC) and carries the others with the time they were read. On every
// engine of the matrix: the parts read equal /system/df now, the carried ones equal /system/df as of
// their read time (the volume grew meanwhile without any event), and a later poll past the maximum age
// reads everything again. Also: a cold poll's derived intermediate facts equal the engine's own.

type Df = {
  LayersSize: number;
  Images: { Id: string; Size: number; SharedSize: number }[];
  Containers: { Id: string; SizeRw?: number | null }[];
  Volumes: { Name: string; UsageData: { Size: number } }[];
};
const volumesTotal = (df: Df) => df.Volumes.reduce((sum, v) => sum + v.UsageData.Size, 0);
const writableTotal = (df: Df) => df.Containers.reduce((sum, c) => sum + Math.max(0, c.SizeRw ?? 0), 0);

describe.each(TEST_ENGINES as TestEngine[])("part cadence on $name", (testEngine) => {
  let engine: ActionEngine;
  const df = async () =>
    (await engineGet(engine.dockerHost, `/v${((await engineGet(engine.dockerHost, "/version")) as { ApiVersion: string }).ApiVersion}/system/df`)) as Df;
  const poll = async ({ fresh = false } = {}) => {
    const result = await pollHost((await getHost(engine.hostId))!, { cadence: !fresh });
    if (!result.ok) throw new Error(result.failure.message);
    return { dto: (await getSnapshot(result.snapshotId))!, full: (await loadHostSnapshot(result.snapshotId))! };
  };
  beforeAll(async () => {
    process.env.BALLAST_PART_MAX_AGE_SEC = "86400";
    engine = await startActionEngine(`cadence-${testEngine.name}`, { engine: testEngine });
    engine.build("t/app:1", `FROM t/base:1\nRUN ${write("/app.bin", 120)}\nLABEL team=alpha\n`);
    engine.docker(["run", "--network", "none", "--name", "writer", "-v", "cad-vol:/v", "t/app:1", "sh", "-c", write("/v/a.bin", 100)]);
    engine.docker(["create", "--network", "none", "--name", "idle", "t/app:1", "sh", "-c", write("/idle.bin", 20)]);
  });
  afterAll(async () => {
    delete process.env.BALLAST_PART_MAX_AGE_SEC;
    await engine?.close();
  });

  it("reads what changed, carries the rest as of its read time, and re-reads it once too old", async () => {
    const olderThan42 = !apiAtLeast(((await engineGet(engine.dockerHost, "/version")) as { ApiVersion: string }).ApiVersion, "1.42");
    // The events window starts a second before the previous poll: let the setup's events fall out of it.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const baseline = await poll({ fresh: true });
    const dfBaseline = await df();
    expect(baseline.dto.totals!.volumesBytes).toBe(volumesTotal(dfBaseline));

    // A container started (events: containers only) and bytes written straight into the volume's folder (no event).
    engine.docker(["start", "-a", "idle"]);
    fs.writeFileSync(path.join(engine.dockerdDir, "root/volumes/cad-vol/_data/grown.bin"), Buffer.alloc(50 * 1024, 1));
    const started = await poll();
    const dfStarted = await df();
    expect(volumesTotal(dfStarted)).toBe(volumesTotal(dfBaseline) + 50 * 1024);
    expect(started.dto.asOf!.containers).toBe(started.dto.takenAt);
    expect(started.dto.totals!.containersWritableBytes).toBe(writableTotal(dfStarted));
    // Carried: equal to /system/df as of their read time (the volume grew since), and they say so.
    expect(started.dto.asOf!.volumes).toBe(baseline.dto.takenAt);
    expect(started.dto.asOf!.images).toBe(baseline.dto.takenAt);
    expect(started.dto.totals!.volumesBytes).toBe(volumesTotal(dfBaseline));
    expect(started.dto.totals!.imagesBytes).toBe(dfBaseline.LayersSize);

    // A new tag (an image event): the images are read again and equal /system/df now. API 1.41 has no
    // /system/df?type=, so there the whole /system/df is read and every part is fresh.
    engine.docker(["tag", "t/app:1", "t/app:moved"]);
    const tagged = await poll();
    const dfTagged = await df();
    expect(tagged.dto.asOf!.images).toBe(tagged.dto.takenAt);
    expect(tagged.dto.totals!.imagesBytes).toBe(dfTagged.LayersSize);
    expect(tagged.full.images.find((image) => image.tags.includes("t/app:moved"))).toBeTruthy();
    for (const image of dfTagged.Images) expect(tagged.full.images.find((i) => i.id === image.Id)?.engineSizeBytes).toBe(image.Size);
    expect(tagged.dto.asOf!.volumes).toBe(olderThan42 ? tagged.dto.takenAt : baseline.dto.takenAt);
    expect(tagged.dto.totals!.volumesBytes).toBe(volumesTotal(olderThan42 ? dfTagged : dfBaseline));

    // Past the maximum age every part is read again and equals /system/df now.
    process.env.BALLAST_PART_MAX_AGE_SEC = "0";
    const aged = await poll();
    const dfAged = await df();
    expect(Object.values(aged.dto.asOf!)).toEqual(Array(4).fill(aged.dto.takenAt));
    expect(aged.dto.totals!.volumesBytes).toBe(volumesTotal(dfAged));
    expect(aged.dto.totals!.imagesBytes).toBe(dfAged.LayersSize);
    expect(aged.dto.totals!.containersWritableBytes).toBe(writableTotal(dfAged));
    expect(aged.full.images.find((image) => image.tags.includes("t/app:1"))?.containers).toBe(2);
  });

  it("a cold poll's intermediates have the facts the engine itself gives for them", async () => {
    const client = createEngineClient(parseEndpoint(engine.dockerHost));
    const { snapshot } = await collectPoll(client, memoryImageFactsCache());
    const intermediates = snapshot.images.filter((image) => image.intermediate);
    expect(intermediates.length).toBeGreaterThan(0);
    const cache = memoryImageFactsCache();
    const { snapshot: again } = await collectPoll(client, cache);
    for (const image of intermediates) {
      const inspect = await getParsed(client, imageInspectResponse, `/images/${image.id}/json`);
      const history = await getParsed(client, historyResponse, `/images/${image.id}/history`);
      expect((await cache.getMany([image.id])).get(image.id)).toEqual({ diffIds: inspect.RootFS.Layers ?? [], history });
    }
    expect(again.layers).toEqual(snapshot.layers);
  });
});
