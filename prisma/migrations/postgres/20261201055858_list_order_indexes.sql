-- migrate:up
-- DropIndex
DROP INDEX "card_environmentId_createdAt_idx";

-- CreateIndex
CREATE INDEX "customer_environmentId_createdAt_id_idx" ON "customer"("environmentId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "card_environmentId_createdAt_id_idx" ON "card"("environmentId", "createdAt", "id");

-- migrate:down
