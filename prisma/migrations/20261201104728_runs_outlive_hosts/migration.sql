-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ActionRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "suggestionId" TEXT,
    "hostId" TEXT,
    "hostName" TEXT,
    "approvedBy" TEXT NOT NULL,
    "approvedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL DEFAULT 'running',
    "expectedBytes" BIGINT NOT NULL,
    "reclaimedBytes" BIGINT,
    "snapshotBeforeId" TEXT NOT NULL,
    "snapshotAfterId" TEXT,
    "finishedAt" DATETIME,
    "workerId" TEXT,
    CONSTRAINT "ActionRun_suggestionId_fkey" FOREIGN KEY ("suggestionId") REFERENCES "Suggestion" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
-- Runs keep their host's id and name (issue 12: deleting a host keeps its runs). The migration runner
-- turns foreign keys off around this transaction, so dropping the old table cascades to nothing.
INSERT INTO "new_ActionRun" ("approvedAt", "approvedBy", "expectedBytes", "finishedAt", "id", "reclaimedBytes", "snapshotAfterId", "snapshotBeforeId", "status", "suggestionId", "workerId", "hostId", "hostName")
SELECT r."approvedAt", r."approvedBy", r."expectedBytes", r."finishedAt", r."id", r."reclaimedBytes", r."snapshotAfterId", r."snapshotBeforeId", r."status", r."suggestionId", r."workerId", s."hostId", h."name"
FROM "ActionRun" r LEFT JOIN "Suggestion" s ON s."id" = r."suggestionId" LEFT JOIN "Host" h ON h."id" = s."hostId";
DROP TABLE "ActionRun";
ALTER TABLE "new_ActionRun" RENAME TO "ActionRun";
CREATE UNIQUE INDEX "ActionRun_suggestionId_key" ON "ActionRun"("suggestionId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
