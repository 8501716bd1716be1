-- CreateTable
CREATE TABLE "Host" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "tlsCaPath" TEXT,
    "tlsCertPath" TEXT,
    "tlsKeyPath" TEXT,
    "tlsVerify" BOOLEAN NOT NULL DEFAULT true,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "pollIntervalSec" INTEGER NOT NULL DEFAULT 300,
    "pricePerGbMonth" REAL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Snapshot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "hostId" TEXT NOT NULL,
    "takenAt" DATETIME NOT NULL,
    "durationMs" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "engineId" TEXT,
    "engineName" TEXT,
    "engineVersion" TEXT,
    "apiVersion" TEXT,
    "storageDriver" TEXT,
    "dataRoot" TEXT,
    "os" TEXT,
    "arch" TEXT,
    "kernelVersion" TEXT,
    "layersSizeBytes" BIGINT,
    "containersWritableBytes" BIGINT,
    "volumesBytes" BIGINT,
    "buildCacheBytes" BIGINT,
    "logsBytes" BIGINT,
    CONSTRAINT "Snapshot_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Image" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "createdAt" DATETIME NOT NULL,
    "parentId" TEXT,
    "labelsJson" TEXT NOT NULL DEFAULT '{}',
    "chainJson" TEXT NOT NULL,
    "diffIdsJson" TEXT NOT NULL DEFAULT '[]',
    "sizeBytes" BIGINT NOT NULL,
    "historyJson" TEXT NOT NULL DEFAULT '[]'
);

-- CreateTable
CREATE TABLE "Layer" (
    "chainId" TEXT NOT NULL PRIMARY KEY,
    "diffId" TEXT NOT NULL,
    "parentChainId" TEXT,
    "sizeBytes" BIGINT NOT NULL,
    "createdBy" TEXT,
    "createdAt" DATETIME
);

-- CreateTable
CREATE TABLE "SnapshotImage" (
    "snapshotId" TEXT NOT NULL,
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
    CONSTRAINT "SnapshotImage_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SnapshotContainer" (
    "snapshotId" TEXT NOT NULL,
    "containerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "imageId" TEXT NOT NULL,
    "image" TEXT NOT NULL,
    "command" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "writableBytes" BIGINT NOT NULL,
    "rootFsBytes" BIGINT NOT NULL,
    "labelsJson" TEXT NOT NULL DEFAULT '{}',
    "mountsJson" TEXT NOT NULL DEFAULT '[]',
    "logDriver" TEXT,
    "logOptionsJson" TEXT NOT NULL DEFAULT '{}',
    "logPath" TEXT,
    "logBytes" BIGINT,

    PRIMARY KEY ("snapshotId", "containerId"),
    CONSTRAINT "SnapshotContainer_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SnapshotVolume" (
    "snapshotId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "driver" TEXT NOT NULL,
    "anonymous" BOOLEAN NOT NULL,
    "mountpoint" TEXT NOT NULL,
    "createdAt" DATETIME,
    "labelsJson" TEXT NOT NULL DEFAULT '{}',
    "sizeBytes" BIGINT,
    "refCount" INTEGER NOT NULL,

    PRIMARY KEY ("snapshotId", "name"),
    CONSTRAINT "SnapshotVolume_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SnapshotBuildCache" (
    "snapshotId" TEXT NOT NULL,
    "cacheId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "inUse" BOOLEAN NOT NULL,
    "shared" BOOLEAN NOT NULL,
    "sizeBytes" BIGINT NOT NULL,
    "createdAt" DATETIME,
    "lastUsedAt" DATETIME,
    "usageCount" INTEGER NOT NULL,
    "parentsJson" TEXT NOT NULL DEFAULT '[]',

    PRIMARY KEY ("snapshotId", "cacheId"),
    CONSTRAINT "SnapshotBuildCache_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Host_name_key" ON "Host"("name");

-- CreateIndex
CREATE INDEX "Snapshot_hostId_takenAt_idx" ON "Snapshot"("hostId", "takenAt");

-- CreateIndex
CREATE INDEX "Layer_diffId_idx" ON "Layer"("diffId");

-- CreateIndex
CREATE INDEX "SnapshotImage_imageId_idx" ON "SnapshotImage"("imageId");
