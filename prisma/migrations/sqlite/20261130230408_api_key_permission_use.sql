-- migrate:up
-- CreateTable
CREATE TABLE "api_key_permission_use" (
    "apiKeyId" TEXT NOT NULL,
    "day" DATETIME NOT NULL,
    "access" TEXT NOT NULL,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "lastUsedAt" DATETIME NOT NULL,

    PRIMARY KEY ("apiKeyId", "day", "access"),
    CONSTRAINT "api_key_permission_use_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "api_key" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "api_key_permission_use_day_idx" ON "api_key_permission_use"("day");

-- migrate:down
