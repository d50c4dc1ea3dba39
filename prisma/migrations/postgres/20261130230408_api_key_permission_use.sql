-- migrate:up
-- CreateTable
CREATE TABLE "api_key_permission_use" (
    "apiKeyId" TEXT NOT NULL,
    "day" TIMESTAMP(3) NOT NULL,
    "access" TEXT NOT NULL,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "lastUsedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "api_key_permission_use_pkey" PRIMARY KEY ("apiKeyId","day","access")
);

-- CreateIndex
CREATE INDEX "api_key_permission_use_day_idx" ON "api_key_permission_use"("day");

-- AddForeignKey
ALTER TABLE "api_key_permission_use" ADD CONSTRAINT "api_key_permission_use_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "api_key"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- migrate:down
