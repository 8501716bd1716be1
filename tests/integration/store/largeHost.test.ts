import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHost } from "@/lib/store/hosts";
import { getImageSightings } from "@/lib/store/imageFacts";
import { loadHostSnapshot } from "@/lib/store/snapshotReader";
import { saveSnapshot } from "@/lib/store/snapshotWriter";
import { buildSnapshot, type ImageSpec } from "@/tests/support/snapshotBuilder";
import { useFreshDatabase } from "@/tests/support/testDatabase";

// A host with more images than SQLite takes bound parameters in one statement (Prisma answers P2029
// "query parameter limit exceeded" past ~1,000 per-host keys): every store path must read and write in
// bounded batches. 1,300 images with 3 layers each stands in for a busy CI runner.

const IMAGES = 1_300;

function largeHostImages(): ImageSpec[] {
  return Array.from({ length: IMAGES }, (_, index) => ({
    name: `ci/app-${index}`,
    containers: index % 50 === 0 ? 1 : 0,
    layers: [
      { diff: "base", size: 5_000_000 },
      { diff: `deps-${index % 40}`, size: 200_000 },
      { diff: `app-${index}`, size: 10_000 + index },
    ],
  }));
}

describe("a host with more images than one statement binds", () => {
  let cleanup: () => Promise<void>;
  let hostId: string;
  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase());
    hostId = (await createHost({ name: "big", endpoint: "unix:///x.sock" })).id;
  });
  afterAll(async () => cleanup());

  it("saves, reads back and re-saves 1,300 images with every image and layer intact", async () => {
    const snapshot = buildSnapshot({ images: largeHostImages(), takenAt: "2026-11-01T00:00:00.000Z" });
    const first = await saveSnapshot(hostId, snapshot);
    const loaded = await loadHostSnapshot(first);
    expect(loaded!.images).toHaveLength(IMAGES);
    expect(new Set(loaded!.layers.map((layer) => layer.chainId))).toEqual(new Set(snapshot.layers.map((layer) => layer.chainId)));
    // The next poll of the same host: known images and layers are looked up, not written again.
    const second = await saveSnapshot(hostId, { ...snapshot, takenAt: "2026-11-01T00:05:00.000Z" });
    expect((await loadHostSnapshot(second))!.images).toHaveLength(IMAGES);
    const sightings = await getImageSightings(
      hostId,
      snapshot.images.map((image) => image.id),
    );
    expect(sightings.size).toBe(IMAGES);
  });
});
