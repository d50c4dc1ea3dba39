-- migrate:up
-- CreateTable
CREATE TABLE "api_key_observed_address" (
    "apiKeyId" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "firstSeenAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,

    PRIMARY KEY ("apiKeyId", "address"),
    CONSTRAINT "api_key_observed_address_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "api_key" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_api_key" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "environmentId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "permissions" TEXT NOT NULL DEFAULT '[]',
    "role" TEXT,
    "clientId" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "secretHint" TEXT NOT NULL,
    "secretGeneration" INTEGER NOT NULL DEFAULT 1,
    "previousSecretHash" TEXT,
    "previousSecretExpiresAt" DATETIME,
    "secretRotatedAt" DATETIME,
    "previousSecretUnusedMinutes" INTEGER,
    "previousSecretLastUsedAt" DATETIME,
    "previousSecretLastUsedIp" TEXT,
    "expiresAt" DATETIME,
    "allowlist" TEXT NOT NULL DEFAULT '[]',
    "allowlistMode" TEXT NOT NULL DEFAULT 'enforce',
    "createdById" TEXT,
    "createdByLabel" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,
    "revokedAt" DATETIME,
    "lastUsedAt" DATETIME,
    "lastUsedIp" TEXT,
    "lastUsedUserAgent" TEXT,
    "expiryNoticeAt" DATETIME,
    CONSTRAINT "api_key_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "environment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_api_key" ("allowlist", "clientId", "createdAt", "createdById", "createdByLabel", "environmentId", "expiresAt", "expiryNoticeAt", "id", "kind", "lastUsedAt", "lastUsedIp", "lastUsedUserAgent", "name", "permissions", "previousSecretExpiresAt", "previousSecretHash", "revokedAt", "role", "secretGeneration", "secretHash", "secretHint", "updatedAt", "version") SELECT "allowlist", "clientId", "createdAt", "createdById", "createdByLabel", "environmentId", "expiresAt", "expiryNoticeAt", "id", "kind", "lastUsedAt", "lastUsedIp", "lastUsedUserAgent", "name", "permissions", "previousSecretExpiresAt", "previousSecretHash", "revokedAt", "role", "secretGeneration", "secretHash", "secretHint", "updatedAt", "version" FROM "api_key";
DROP TABLE "api_key";
ALTER TABLE "new_api_key" RENAME TO "api_key";
CREATE UNIQUE INDEX "api_key_clientId_key" ON "api_key"("clientId");
CREATE INDEX "api_key_environmentId_createdAt_idx" ON "api_key"("environmentId", "createdAt");
CREATE INDEX "api_key_updatedAt_idx" ON "api_key"("updatedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "api_key_observed_address_lastSeenAt_idx" ON "api_key_observed_address"("lastSeenAt");

-- migrate:down
