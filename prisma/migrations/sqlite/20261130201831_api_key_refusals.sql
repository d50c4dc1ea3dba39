-- migrate:up
-- CreateTable
CREATE TABLE "api_key_refusal" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "apiKeyId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "params" TEXT NOT NULL DEFAULT '{}',
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "ip" TEXT,
    "userAgent" TEXT,
    CONSTRAINT "api_key_refusal_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "api_key" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "api_key_refusal_apiKeyId_id_idx" ON "api_key_refusal"("apiKeyId", "id");

-- migrate:down
