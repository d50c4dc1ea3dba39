-- migrate:up
-- CreateTable
CREATE TABLE "analytics_batch" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "integrationId" TEXT NOT NULL,
    "environmentId" INTEGER NOT NULL,
    "intervalStart" DATETIME NOT NULL,
    "intervalEnd" DATETIME NOT NULL,
    "firstEventId" TEXT NOT NULL,
    "lastEventId" TEXT NOT NULL,
    "eventCount" INTEGER NOT NULL,
    "objectKey" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attemptCount" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME,
    "lastError" TEXT,
    "lastAttemptAt" DATETIME,
    "bytes" INTEGER,
    "exportedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "analytics_batch_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "integration" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "analytics_batch_status_nextAttemptAt_idx" ON "analytics_batch"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "analytics_batch_integrationId_intervalStart_key" ON "analytics_batch"("integrationId", "intervalStart");

-- migrate:down
