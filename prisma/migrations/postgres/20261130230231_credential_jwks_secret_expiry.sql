-- migrate:up
-- AlterTable
ALTER TABLE "credential" ADD COLUMN     "jwksPublicId" TEXT,
ADD COLUMN     "jwksPublished" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "previousPublicKeys" TEXT,
ADD COLUMN     "secretExpiresAt" TIMESTAMP(3),
ADD COLUMN     "secretExpiryNotice" INTEGER;

-- CreateIndex
CREATE UNIQUE INDEX "credential_jwksPublicId_key" ON "credential"("jwksPublicId");

-- CreateIndex
CREATE INDEX "credential_environmentId_secretExpiresAt_idx" ON "credential"("environmentId", "secretExpiresAt");

-- migrate:down
