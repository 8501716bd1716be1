import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { POST as addHost } from "@/app/api/hosts/route";
import { DELETE as removeHost, PATCH as editHost } from "@/app/api/hosts/[hostId]/route";
import { POST as pollRoute } from "@/app/api/hosts/[hostId]/poll/route";
import { GET as getImages } from "@/app/api/snapshots/[snapshotId]/images/route";
import { GET as getTreemap } from "@/app/api/snapshots/[snapshotId]/treemap/route";
import { db } from "@/lib/store/db";
import { runRetentionPass } from "@/lib/store/retentionPass";
import { jsonOf, params, request } from "@/tests/support/routes";
import { useFreshDatabase } from "@/tests/support/testDatabase";

// A cached view's request answers from the snapshot's key row kept in this process
// (lib/store/snapshotViewKey.ts, no query per request): these prove it is exact. A snapshot retention
// removed, or whose host was deleted, is a 404 on the very next request; a renamed host's answer is new.

describe("the snapshot key rows cached views keep", () => {
  const dockerHost = inject("dockerHost");
  let cleanup: () => Promise<void>;
  const treemap = (id: string) => getTreemap(request(`/api/snapshots/${id}/treemap`), params({ snapshotId: id }));
  const images = (id: string) => getImages(request(`/api/snapshots/${id}/images`), params({ snapshotId: id }));
  const newHost = async (name: string) =>
    (await jsonOf(await addHost(request("/api/hosts", { method: "POST", body: { name, endpoint: dockerHost } })))).body.host.id as string;
  const poll = async (hostId: string) =>
    (await jsonOf(await pollRoute(request(`/api/hosts/${hostId}/poll`, { method: "POST" }), params({ hostId })))).body.snapshot.id as string;

  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase());
  });
  afterAll(async () => cleanup());

  it("a snapshot the retention pass removed is a 404 at once, though its answer and key were cached", async () => {
    const hostId = await newHost("kept-and-removed");
    // The first of a series and the newest stay; the ones between are thinned once they are old enough.
    const ids = [await poll(hostId), await poll(hostId), await poll(hostId), await poll(hostId)];
    for (const id of ids) for (const round of [1, 2]) expect([id, round, (await treemap(id)).status]).toEqual([id, round, 200]);
    const note = await runRetentionPass({ now: new Date(Date.now() + 30 * 24 * 3_600_000), policy: { keepFullDays: 1, keepHourlyDays: 2 }, graceMs: 0 });
    expect(note.snapshotsRemoved).toBeGreaterThan(0);
    const kept = new Set((await db().snapshot.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((row) => row.id));
    expect(kept.size).toBe(ids.length - note.snapshotsRemoved);
    for (const id of ids) {
      expect([id, (await treemap(id)).status]).toEqual([id, kept.has(id) ? 200 : 404]);
      expect([id, (await images(id)).status]).toEqual([id, kept.has(id) ? 200 : 404]);
    }
  });

  it("a deleted host's snapshots are 404 at once; a renamed host's treemap is named anew", async () => {
    const hostId = await newHost("before-rename");
    const snapshotId = await poll(hostId);
    const before = await jsonOf(await treemap(snapshotId));
    expect(JSON.stringify(before.body)).toContain("before-rename");
    expect((await editHost(request(`/api/hosts/${hostId}`, { method: "PATCH", body: { name: "after-rename" } }), params({ hostId }))).status).toBe(200);
    const after = await jsonOf(await treemap(snapshotId));
    expect(JSON.stringify(after.body)).toContain("after-rename");
    expect(JSON.stringify(after.body)).not.toContain("before-rename");
    expect((await images(snapshotId)).status).toBe(200);
    expect((await removeHost(request(`/api/hosts/${hostId}`, { method: "DELETE" }), params({ hostId }))).status).toBe(200);
    expect((await treemap(snapshotId)).status).toBe(404);
    expect((await images(snapshotId)).status).toBe(404);
  });
});
