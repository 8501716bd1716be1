-- AlterTable
ALTER TABLE "Host" ADD COLUMN "agentFingerprint" TEXT;
ALTER TABLE "Host" ADD COLUMN "agentTokenEnc" TEXT;

-- AlterTable
ALTER TABLE "Snapshot" ADD COLUMN "agentVersion" TEXT;
ALTER TABLE "Snapshot" ADD COLUMN "diskJson" TEXT;
