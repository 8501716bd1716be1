-- CreateTable
CREATE TABLE "SnapshotContainerSet" (
    "snapshotId" TEXT NOT NULL PRIMARY KEY,
    "entries" BLOB NOT NULL,
    CONSTRAINT "SnapshotContainerSet_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
