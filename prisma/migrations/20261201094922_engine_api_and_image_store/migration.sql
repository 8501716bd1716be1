-- AlterTable
ALTER TABLE "Snapshot" ADD COLUMN "imageStore" TEXT;
ALTER TABLE "Snapshot" ADD COLUMN "maxApiVersion" TEXT;
