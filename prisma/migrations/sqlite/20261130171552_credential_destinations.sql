-- migrate:up
-- AlterTable
ALTER TABLE "credential" ADD COLUMN "allowedDestinations" TEXT;
ALTER TABLE "credential" ADD COLUMN "lastUseByLabel" TEXT;
ALTER TABLE "credential" ADD COLUMN "lastUseByType" TEXT;
ALTER TABLE "credential" ADD COLUMN "lastUseDestination" TEXT;
ALTER TABLE "credential" ADD COLUMN "lastUseOk" BOOLEAN;
ALTER TABLE "credential" ADD COLUMN "lastUseSummary" TEXT;

-- migrate:down
