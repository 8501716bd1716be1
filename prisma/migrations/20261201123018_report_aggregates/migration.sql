-- AlterTable
ALTER TABLE "Snapshot" ADD COLUMN "aggregatesVersion" INTEGER;

-- CreateTable
CREATE TABLE "SnapshotAggregate" (
    "snapshotId" TEXT NOT NULL,
    "hostId" TEXT NOT NULL,
    "takenAt" DATETIME NOT NULL,
    "key" TEXT NOT NULL,
    "rows" BLOB,
    "hash" TEXT NOT NULL,

    PRIMARY KEY ("snapshotId", "key"),
    CONSTRAINT "SnapshotAggregate_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AggregateInForce" (
    "hostId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    PRIMARY KEY ("hostId", "key"),
    CONSTRAINT "AggregateInForce_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "SnapshotAggregate_hostId_key_takenAt_idx" ON "SnapshotAggregate"("hostId", "key", "takenAt");
