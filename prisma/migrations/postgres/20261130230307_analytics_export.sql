-- migrate:up
-- CreateTable
CREATE TABLE "analytics_batch" (
    "id" TEXT NOT NULL,
    "integrationId" TEXT NOT NULL,
    "environmentId" INTEGER NOT NULL,
    "intervalStart" TIMESTAMP(3) NOT NULL,
    "intervalEnd" TIMESTAMP(3) NOT NULL,
    "firstEventId" TEXT NOT NULL,
    "lastEventId" TEXT NOT NULL,
    "eventCount" INTEGER NOT NULL,
    "objectKey" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attemptCount" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3),
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "lastAttemptAt" TIMESTAMP(3),
    "bytes" INTEGER,
    "exportedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "analytics_batch_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "analytics_batch_status_nextAttemptAt_idx" ON "analytics_batch"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "analytics_batch_integrationId_intervalStart_key" ON "analytics_batch"("integrationId", "intervalStart");

-- AddForeignKey
ALTER TABLE "analytics_batch" ADD CONSTRAINT "analytics_batch_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- migrate:down
