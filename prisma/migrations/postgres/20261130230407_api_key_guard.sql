-- migrate:up
-- AlterTable
ALTER TABLE "api_key" ADD COLUMN     "allowlistMode" TEXT NOT NULL DEFAULT 'enforce',
ADD COLUMN     "previousSecretLastUsedAt" TIMESTAMP(3),
ADD COLUMN     "previousSecretLastUsedIp" TEXT,
ADD COLUMN     "previousSecretUnusedMinutes" INTEGER,
ADD COLUMN     "secretRotatedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "api_key_observed_address" (
    "apiKeyId" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "api_key_observed_address_pkey" PRIMARY KEY ("apiKeyId","address")
);

-- CreateIndex
CREATE INDEX "api_key_observed_address_lastSeenAt_idx" ON "api_key_observed_address"("lastSeenAt");

-- AddForeignKey
ALTER TABLE "api_key_observed_address" ADD CONSTRAINT "api_key_observed_address_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "api_key"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- migrate:down
