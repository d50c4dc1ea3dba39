-- migrate:up
-- AlterTable
ALTER TABLE "credential" ADD COLUMN     "allowedDestinations" TEXT,
ADD COLUMN     "lastUseByLabel" TEXT,
ADD COLUMN     "lastUseByType" TEXT,
ADD COLUMN     "lastUseDestination" TEXT,
ADD COLUMN     "lastUseOk" BOOLEAN,
ADD COLUMN     "lastUseSummary" TEXT;

-- migrate:down
