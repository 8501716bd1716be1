-- CreateTable
CREATE TABLE "AggregateDay" (
    "hostId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "day" DATETIME NOT NULL,
    "data" BLOB NOT NULL,

    PRIMARY KEY ("hostId", "key", "day"),
    CONSTRAINT "AggregateDay_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Snapshot_hostId_status_takenAt_idx" ON "Snapshot"("hostId", "status", "takenAt");
