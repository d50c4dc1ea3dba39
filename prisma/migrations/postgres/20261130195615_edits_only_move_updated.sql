-- migrate:up
-- AlterTable
ALTER TABLE "api_key" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1,
ALTER COLUMN "updatedAt" SET DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "credential" ALTER COLUMN "updatedAt" SET DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "integration" ALTER COLUMN "updatedAt" SET DEFAULT CURRENT_TIMESTAMP;

-- migrate:down
