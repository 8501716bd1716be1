-- Issue 8: crash-safe runs. One result row per target from the claim on (pending → deleting → outcome),
-- and the process that runs each run, so start-up can tell runs whose process died.
-- AlterTable
ALTER TABLE "ActionRun" ADD COLUMN "workerId" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ActionResult" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "outcome" TEXT NOT NULL DEFAULT 'pending',
    "reason" TEXT,
    "bytes" BIGINT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ActionResult_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ActionRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ActionResult" ("at", "bytes", "id", "kind", "name", "outcome", "reason", "runId", "targetId") SELECT "at", "bytes", "id", "kind", "name", "outcome", "reason", "runId", "targetId" FROM "ActionResult";
DROP TABLE "ActionResult";
ALTER TABLE "new_ActionResult" RENAME TO "ActionResult";
CREATE INDEX "ActionResult_runId_idx" ON "ActionResult"("runId");
CREATE UNIQUE INDEX "ActionResult_runId_kind_targetId_key" ON "ActionResult"("runId", "kind", "targetId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
