-- migrate:up
-- AlterTable
ALTER TABLE "api_key" ADD COLUMN     "expiryNoticeAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "event" (
    "id" TEXT NOT NULL,
    "environmentId" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_endpoint" (
    "id" TEXT NOT NULL,
    "environmentId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "description" TEXT,
    "eventTypes" TEXT NOT NULL DEFAULT '[]',
    "credentialId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'enabled',
    "disabledReason" TEXT,
    "secret" TEXT NOT NULL,
    "previousSecret" TEXT,
    "previousSecretExpiresAt" TIMESTAMP(3),
    "failingSince" TIMESTAMP(3),
    "lastDeliveryAt" TIMESTAMP(3),
    "lastDeliveryOk" BOOLEAN,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" TEXT,
    "createdByLabel" TEXT NOT NULL,
    "updatedById" TEXT,
    "updatedByLabel" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "webhook_endpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_message" (
    "id" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attemptCount" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3),
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastAttemptAt" TIMESTAMP(3),

    CONSTRAINT "webhook_message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_attempt" (
    "id" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "trigger" TEXT NOT NULL DEFAULT 'scheduled',
    "ok" BOOLEAN NOT NULL,
    "httpStatus" INTEGER,
    "error" TEXT,
    "durationMs" INTEGER NOT NULL,
    "request" TEXT NOT NULL DEFAULT '{}',
    "responseExcerpt" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_attempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "event_environmentId_createdAt_idx" ON "event"("environmentId", "createdAt");

-- CreateIndex
CREATE INDEX "event_createdAt_idx" ON "event"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "webhook_endpoint_environmentId_name_key" ON "webhook_endpoint"("environmentId", "name");

-- CreateIndex
CREATE INDEX "webhook_message_status_nextAttemptAt_idx" ON "webhook_message"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "webhook_message_endpointId_createdAt_idx" ON "webhook_message"("endpointId", "createdAt");

-- CreateIndex
CREATE INDEX "webhook_message_createdAt_idx" ON "webhook_message"("createdAt");

-- CreateIndex
CREATE INDEX "webhook_attempt_messageId_createdAt_idx" ON "webhook_attempt"("messageId", "createdAt");

-- CreateIndex
CREATE INDEX "webhook_attempt_endpointId_createdAt_idx" ON "webhook_attempt"("endpointId", "createdAt");

-- AddForeignKey
ALTER TABLE "event" ADD CONSTRAINT "event_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_endpoint" ADD CONSTRAINT "webhook_endpoint_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_endpoint" ADD CONSTRAINT "webhook_endpoint_credentialId_fkey" FOREIGN KEY ("credentialId") REFERENCES "credential"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_message" ADD CONSTRAINT "webhook_message_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "webhook_endpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_message" ADD CONSTRAINT "webhook_message_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_attempt" ADD CONSTRAINT "webhook_attempt_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "webhook_message"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- migrate:down
