-- AlterTable
ALTER TABLE "Snapshot" ADD COLUMN "buildCacheFromId" TEXT;
ALTER TABLE "Snapshot" ADD COLUMN "buildCacheHash" TEXT;
ALTER TABLE "Snapshot" ADD COLUMN "containersFromId" TEXT;
ALTER TABLE "Snapshot" ADD COLUMN "containersHash" TEXT;
ALTER TABLE "Snapshot" ADD COLUMN "imagesFromId" TEXT;
ALTER TABLE "Snapshot" ADD COLUMN "imagesHash" TEXT;
ALTER TABLE "Snapshot" ADD COLUMN "volumesFromId" TEXT;
ALTER TABLE "Snapshot" ADD COLUMN "volumesHash" TEXT;
