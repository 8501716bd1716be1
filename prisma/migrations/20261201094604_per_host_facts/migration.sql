-- Issue 8: image and layer facts belong to the host that reported them, keyed by (host, image ID) and
-- (host, chain ID). Existing rows are copied to every host whose snapshots used them.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Image" (
    "hostId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "parentId" TEXT,
    "labelsJson" TEXT NOT NULL DEFAULT '{}',
    "chainJson" TEXT NOT NULL,
    "diffIdsJson" TEXT NOT NULL DEFAULT '[]',
    "sizeBytes" BIGINT NOT NULL,
    "historyJson" TEXT NOT NULL DEFAULT '[]',
    "firstSeenAt" DATETIME NOT NULL,
    "lastUsedAt" DATETIME,

    PRIMARY KEY ("hostId", "id"),
    CONSTRAINT "Image_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- Every image moves to each host whose snapshots list it. A snapshot row may hold its images for later
-- snapshots of the same host (imagesFromId), so "seen" spans every snapshot that points at the holder.
-- firstSeenAt: the earliest such snapshot; lastUsedAt: the newest in which a container used the image.
INSERT INTO "new_Image" ("hostId", "id", "createdAt", "parentId", "labelsJson", "chainJson", "diffIdsJson", "sizeBytes", "historyJson", "firstSeenAt", "lastUsedAt")
SELECT s."hostId", i."id", i."createdAt", i."parentId", i."labelsJson", i."chainJson", i."diffIdsJson", i."sizeBytes", i."historyJson",
       MIN(s."takenAt"), MAX(CASE WHEN si."containers" > 0 THEN s."takenAt" END)
FROM "Image" i
JOIN "SnapshotImage" si ON si."imageId" = i."id"
JOIN "Snapshot" s ON COALESCE(s."imagesFromId", s."id") = si."snapshotId"
GROUP BY s."hostId", i."id";
DROP TABLE "Image";
ALTER TABLE "new_Image" RENAME TO "Image";
CREATE TABLE "new_Layer" (
    "hostId" TEXT NOT NULL,
    "chainId" TEXT NOT NULL,
    "diffId" TEXT NOT NULL,
    "parentChainId" TEXT,
    "sizeBytes" BIGINT NOT NULL,
    "createdBy" TEXT,
    "createdAt" DATETIME,

    PRIMARY KEY ("hostId", "chainId"),
    CONSTRAINT "Layer_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- Every layer moves to each host that has an image whose chain holds it.
INSERT INTO "new_Layer" ("hostId", "chainId", "diffId", "parentChainId", "sizeBytes", "createdBy", "createdAt")
SELECT DISTINCT i."hostId", l."chainId", l."diffId", l."parentChainId", l."sizeBytes", l."createdBy", l."createdAt"
FROM "Image" i, json_each(i."chainJson") chain
JOIN "Layer" l ON l."chainId" = chain."value";
DROP TABLE "Layer";
ALTER TABLE "new_Layer" RENAME TO "Layer";
CREATE INDEX "Layer_diffId_idx" ON "Layer"("diffId");
CREATE TABLE "new_SnapshotImage" (
    "snapshotId" TEXT NOT NULL,
    "hostId" TEXT NOT NULL,
    "imageId" TEXT NOT NULL,
    "tagsJson" TEXT NOT NULL DEFAULT '[]',
    "digestsJson" TEXT NOT NULL DEFAULT '[]',
    "dangling" BOOLEAN NOT NULL,
    "intermediate" BOOLEAN NOT NULL,
    "containers" INTEGER NOT NULL,
    "engineSizeBytes" BIGINT,
    "engineSharedBytes" BIGINT,

    PRIMARY KEY ("snapshotId", "imageId"),
    CONSTRAINT "SnapshotImage_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SnapshotImage_hostId_imageId_fkey" FOREIGN KEY ("hostId", "imageId") REFERENCES "Image" ("hostId", "id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_SnapshotImage" ("snapshotId", "hostId", "imageId", "tagsJson", "digestsJson", "dangling", "intermediate", "containers", "engineSizeBytes", "engineSharedBytes")
SELECT si."snapshotId", s."hostId", si."imageId", si."tagsJson", si."digestsJson", si."dangling", si."intermediate", si."containers", si."engineSizeBytes", si."engineSharedBytes"
FROM "SnapshotImage" si JOIN "Snapshot" s ON s."id" = si."snapshotId";
DROP TABLE "SnapshotImage";
ALTER TABLE "new_SnapshotImage" RENAME TO "SnapshotImage";
CREATE INDEX "SnapshotImage_hostId_imageId_idx" ON "SnapshotImage"("hostId", "imageId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
