-- Issue 14: a snapshot's image part (tags, digests, container counts, the engine's sizes per image ID)
-- moves from one SnapshotImage row per image and snapshot to one compact SnapshotImagePart row per holder
-- snapshot, so that a change rewrites only what changed (later snapshots store deltas). Every existing
-- holder's rows become one keyframe with the same entries, in image ID order (lib/store/imagePartCodec.ts:
-- [imageId, tags, digests, dangling, intermediate, containers, engineSizeBytes, engineSharedBytes]).
-- Each part's read time is recorded too (null: read at takenAt, as every existing snapshot was).

-- AlterTable
ALTER TABLE "Snapshot" ADD COLUMN "buildCacheAsOf" DATETIME;
ALTER TABLE "Snapshot" ADD COLUMN "containersAsOf" DATETIME;
ALTER TABLE "Snapshot" ADD COLUMN "imagesAsOf" DATETIME;
ALTER TABLE "Snapshot" ADD COLUMN "volumesAsOf" DATETIME;

-- CreateTable
CREATE TABLE "SnapshotImagePart" (
    "snapshotId" TEXT NOT NULL PRIMARY KEY,
    "baseId" TEXT,
    "prevId" TEXT,
    "depth" INTEGER NOT NULL DEFAULT 0,
    "chainEntries" INTEGER NOT NULL DEFAULT 0,
    "entriesJson" TEXT NOT NULL,
    "removedJson" TEXT NOT NULL DEFAULT '[]',
    CONSTRAINT "SnapshotImagePart_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- Convert: one keyframe per holder snapshot.
INSERT INTO "SnapshotImagePart" ("snapshotId", "depth", "chainEntries", "entriesJson")
SELECT si."snapshotId", 0, COUNT(*),
       json_group_array(json_array(si."imageId", json(si."tagsJson"), json(si."digestsJson"),
                                   CASE WHEN si."dangling" THEN 1 ELSE 0 END, CASE WHEN si."intermediate" THEN 1 ELSE 0 END,
                                   si."containers", si."engineSizeBytes", si."engineSharedBytes") ORDER BY si."imageId")
FROM "SnapshotImage" si
GROUP BY si."snapshotId";

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "SnapshotImage";
PRAGMA foreign_keys=on;

-- CreateIndex
CREATE INDEX "SnapshotImagePart_baseId_idx" ON "SnapshotImagePart"("baseId");
