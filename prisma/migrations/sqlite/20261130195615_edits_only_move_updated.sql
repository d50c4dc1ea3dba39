-- migrate:up
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
    "expiresAt" DATETIME,
    "allowlist" TEXT NOT NULL DEFAULT '[]',
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
INSERT INTO "new_api_key" ("allowlist", "clientId", "createdAt", "createdById", "createdByLabel", "environmentId", "expiresAt", "expiryNoticeAt", "id", "kind", "lastUsedAt", "lastUsedIp", "lastUsedUserAgent", "name", "permissions", "previousSecretExpiresAt", "previousSecretHash", "revokedAt", "role", "secretGeneration", "secretHash", "secretHint", "updatedAt") SELECT "allowlist", "clientId", "createdAt", "createdById", "createdByLabel", "environmentId", "expiresAt", "expiryNoticeAt", "id", "kind", "lastUsedAt", "lastUsedIp", "lastUsedUserAgent", "name", "permissions", "previousSecretExpiresAt", "previousSecretHash", "revokedAt", "role", "secretGeneration", "secretHash", "secretHint", "updatedAt" FROM "api_key";
DROP TABLE "api_key";
ALTER TABLE "new_api_key" RENAME TO "api_key";
CREATE UNIQUE INDEX "api_key_clientId_key" ON "api_key"("clientId");
CREATE INDEX "api_key_environmentId_createdAt_idx" ON "api_key"("environmentId", "createdAt");
CREATE INDEX "api_key_updatedAt_idx" ON "api_key"("updatedAt");
CREATE TABLE "new_credential" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "environmentId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "config" TEXT NOT NULL DEFAULT '{}',
    "secrets" TEXT NOT NULL DEFAULT '{}',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" TEXT,
    "createdByLabel" TEXT NOT NULL,
    "updatedById" TEXT,
    "updatedByLabel" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastTestedAt" DATETIME,
    "lastTestOk" BOOLEAN,
    "lastTestSummary" TEXT,
    "lastUsedAt" DATETIME,
    "allowedDestinations" TEXT,
    "lastUseByType" TEXT,
    "lastUseByLabel" TEXT,
    "lastUseDestination" TEXT,
    "lastUseOk" BOOLEAN,
    "lastUseSummary" TEXT,
    CONSTRAINT "credential_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "environment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_credential" ("allowedDestinations", "config", "createdAt", "createdById", "createdByLabel", "environmentId", "id", "lastTestOk", "lastTestSummary", "lastTestedAt", "lastUseByLabel", "lastUseByType", "lastUseDestination", "lastUseOk", "lastUseSummary", "lastUsedAt", "name", "secrets", "type", "updatedAt", "updatedById", "updatedByLabel", "version") SELECT "allowedDestinations", "config", "createdAt", "createdById", "createdByLabel", "environmentId", "id", "lastTestOk", "lastTestSummary", "lastTestedAt", "lastUseByLabel", "lastUseByType", "lastUseDestination", "lastUseOk", "lastUseSummary", "lastUsedAt", "name", "secrets", "type", "updatedAt", "updatedById", "updatedByLabel", "version" FROM "credential";
DROP TABLE "credential";
ALTER TABLE "new_credential" RENAME TO "credential";
CREATE UNIQUE INDEX "credential_environmentId_name_key" ON "credential"("environmentId", "name");
CREATE TABLE "new_integration" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "environmentId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "config" TEXT NOT NULL DEFAULT '{}',
    "secrets" TEXT NOT NULL DEFAULT '{}',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdByLabel" TEXT NOT NULL,
    "updatedByLabel" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastTestedAt" DATETIME,
    "lastTestOk" BOOLEAN,
    "lastTestSummary" TEXT,
    CONSTRAINT "integration_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "environment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_integration" ("config", "createdAt", "createdByLabel", "environmentId", "id", "kind", "lastTestOk", "lastTestSummary", "lastTestedAt", "name", "secrets", "updatedAt", "updatedByLabel", "version") SELECT "config", "createdAt", "createdByLabel", "environmentId", "id", "kind", "lastTestOk", "lastTestSummary", "lastTestedAt", "name", "secrets", "updatedAt", "updatedByLabel", "version" FROM "integration";
DROP TABLE "integration";
ALTER TABLE "new_integration" RENAME TO "integration";
CREATE UNIQUE INDEX "integration_environmentId_kind_name_key" ON "integration"("environmentId", "kind", "name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- migrate:down
