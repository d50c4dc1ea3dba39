-- migrate:up
-- DropIndex
DROP INDEX "event_createdAt_idx";

-- DropIndex
DROP INDEX "webhook_message_createdAt_idx";

-- migrate:down
