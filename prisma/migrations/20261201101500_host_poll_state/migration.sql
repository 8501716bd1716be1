-- Poll health and schedule per host (issue 12). ADD COLUMN rather than Prisma's table rebuild: the
-- migration runner wraps each migration in a transaction, where PRAGMA foreign_keys=OFF is a no-op,
-- and dropping "Host" with foreign keys on would cascade to every snapshot.
ALTER TABLE "Host" ADD COLUMN "status" TEXT NOT NULL DEFAULT 'pending';
ALTER TABLE "Host" ADD COLUMN "statusSince" DATETIME;
ALTER TABLE "Host" ADD COLUMN "lastErrorCode" TEXT;
ALTER TABLE "Host" ADD COLUMN "lastErrorMessage" TEXT;
ALTER TABLE "Host" ADD COLUMN "failureCount" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Host" ADD COLUMN "lastPollAt" DATETIME;
ALTER TABLE "Host" ADD COLUMN "nextPollAt" DATETIME;
ALTER TABLE "Host" ADD COLUMN "engineId" TEXT;
ALTER TABLE "Host" ADD COLUMN "seriesStartedAt" DATETIME;
UPDATE "Host" SET "status" = 'disabled' WHERE "enabled" = false;
CREATE INDEX "Host_enabled_nextPollAt_idx" ON "Host"("enabled", "nextPollAt");
