import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/store/applyMigrations.mjs";
import { hostSnapshotSchema, type HostSnapshot } from "@/lib/collect/schema";
import { db, resetDb } from "@/lib/store/db";
import { byImageId, imageEntries } from "@/lib/store/imagePartCodec";
import { readImageEntries, writeImagePart } from "@/lib/store/snapshotImagePart";
import { snapshotPartRows } from "@/lib/store/snapshotParts";
import { loadHostSnapshot } from "@/lib/store/snapshotReader";

// Issue 14's image_parts migration turns the SnapshotImage rows of every holder snapshot into one
// SnapshotImagePart keyframe. Written as the old store wrote them (snapshotPartRows is that row shape),
// migrated, then read through the real store: every snapshot's images read back exactly as before.

const migrationsDir = path.join(process.cwd(), "prisma", "migrations");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ballast-image-parts-"));
afterAll(async () => {
  await resetDb();
  fs.rmSync(dir, { recursive: true, force: true });
});

function migrationsBefore(name: string): string {
  const only = path.join(dir, "before");
  for (const migration of fs.readdirSync(migrationsDir).filter((entry) => /^\d+_/.test(entry))) {
    if (migration.endsWith(name)) break;
    fs.mkdirSync(path.join(only, migration), { recursive: true });
    fs.copyFileSync(path.join(migrationsDir, migration, "migration.sql"), path.join(only, migration, "migration.sql"));
  }
  return only;
}

const recorded = hostSnapshotSchema.parse(JSON.parse(fs.readFileSync("tests/fixtures/scene-20.10.json", "utf8")));
const FIRST_SEEN = "2026-11-01T00:00:00.000Z";
const iso = (at: string) => new Date(at).toISOString().replace("Z", "+00:00");

/** The scene a poll later: one image retagged, another with one more container, a third gone. */
const changed: HostSnapshot = {
  ...recorded,
  images: recorded.images
    .slice(1)
    .map((image, index) =>
      index === 0 ? { ...image, tags: [...image.tags, "moved:tag"] } : index === 1 ? { ...image, containers: image.containers + 1 } : image,
    ),
};

describe("image_parts migration", () => {
  const file = path.join(dir, "old.db");

  it("turns each holder's SnapshotImage rows into a keyframe that reads back the same images", async () => {
    applyMigrations({ databasePath: file, migrationsDir: migrationsBefore("_image_parts") });
    const old = new Database(file);
    const run = (sql: string, ...args: unknown[]) => old.prepare(sql).run(...args);
    run(`INSERT INTO "Host" (id, name, endpoint) VALUES ('h1', 'scene', 'unix:///a')`);
    const snapshot = (id: string, at: string, imagesFromId: string | null) =>
      run(
        `INSERT INTO "Snapshot" (id, hostId, takenAt, status, layersSizeBytes, imagesFromId, containersFromId, volumesFromId, buildCacheFromId) VALUES (?, 'h1', ?, 'ok', ?, ?, 'none', 'none', 'none')`,
        id,
        iso(at),
        recorded.layersSizeBytes,
        imagesFromId,
      );
    snapshot("s1", "2026-11-01T00:00:00Z", null);
    snapshot("s2", "2026-11-01T00:05:00Z", "s1");
    snapshot("s3", "2026-11-01T00:10:00Z", null);
    for (const image of recorded.images)
      run(
        `INSERT INTO "Image" (hostId, id, createdAt, parentId, labelsJson, chainJson, diffIdsJson, sizeBytes, historyJson, firstSeenAt) VALUES ('h1', ?, ?, ?, ?, ?, '[]', ?, '[]', ?)`,
        image.id,
        iso(image.createdAt),
        image.parentId,
        JSON.stringify(image.labels),
        JSON.stringify(image.chain),
        image.sizeBytes,
        iso(FIRST_SEEN),
      );
    for (const layer of recorded.layers)
      run(
        `INSERT INTO "Layer" (hostId, chainId, diffId, parentChainId, sizeBytes, createdBy, createdAt) VALUES ('h1', ?, ?, ?, ?, ?, ?)`,
        layer.chainId,
        layer.diffId,
        layer.parentChainId,
        layer.sizeBytes,
        layer.createdBy,
        layer.createdAt ? iso(layer.createdAt) : null,
      );
    for (const [snapshotId, content] of [
      ["s1", recorded],
      ["s3", changed],
    ] as const)
      for (const row of snapshotPartRows(content).images)
        run(
          `INSERT INTO "SnapshotImage" (snapshotId, hostId, imageId, tagsJson, digestsJson, dangling, intermediate, containers, engineSizeBytes, engineSharedBytes) VALUES (?, 'h1', ?, ?, ?, ?, ?, ?, ?, ?)`,
          snapshotId,
          row.imageId,
          row.tagsJson,
          row.digestsJson,
          row.dangling ? 1 : 0,
          row.intermediate ? 1 : 0,
          row.containers,
          row.engineSizeBytes,
          row.engineSharedBytes,
        );
    old.close();

    expect(applyMigrations({ databasePath: file, migrationsDir }).some((name) => name.endsWith("_image_parts"))).toBe(true);
    const after = new Database(file);
    expect(after.prepare(`SELECT name FROM sqlite_master WHERE name = 'SnapshotImage'`).all()).toEqual([]);
    expect(after.prepare(`SELECT snapshotId, baseId, depth, chainEntries FROM "SnapshotImagePart" ORDER BY snapshotId`).all()).toEqual([
      { snapshotId: "s1", baseId: null, depth: 0, chainEntries: recorded.images.length },
      { snapshotId: "s3", baseId: null, depth: 0, chainEntries: changed.images.length },
    ]);
    expect(after.prepare(`PRAGMA foreign_key_check`).all()).toEqual([]);
    after.close();

    process.env.DATABASE_URL = `file:${file}`;
    await resetDb();
    const expected = (content: HostSnapshot) =>
      [...content.images].sort((a, b) => (a.id < b.id ? -1 : 1)).map((image) => ({ ...image, firstSeenAt: FIRST_SEEN, lastUsedAt: null }));
    expect((await loadHostSnapshot("s1"))!.images).toEqual(expected(recorded));
    expect((await loadHostSnapshot("s2"))!.images).toEqual(expected(recorded));
    expect((await loadHostSnapshot("s3"))!.images).toEqual(expected(changed));

    // A later poll's delta (stored deflated, image_part_deflated) on top of a migrated keyframe (JSON text).
    const later = changed.images.map((image, index) => (index === 0 ? { ...image, containers: image.containers + 2 } : image));
    await db().snapshot.create({ data: { id: "s4", hostId: "h1", takenAt: new Date("2026-11-01T00:15:00Z"), status: "ok" } });
    await writeImagePart(db(), "s4", "s3", imageEntries(later));
    const part = await db().snapshotImagePart.findUniqueOrThrow({ where: { snapshotId: "s4" } });
    expect({ baseId: part.baseId, depth: part.depth, entriesJson: part.entriesJson, deflated: part.entries !== null }).toEqual({
      baseId: "s3",
      depth: 1,
      entriesJson: "",
      deflated: true,
    });
    expect(byImageId((await readImageEntries("s4")).values())).toEqual(byImageId(imageEntries(later)));
  });
});
