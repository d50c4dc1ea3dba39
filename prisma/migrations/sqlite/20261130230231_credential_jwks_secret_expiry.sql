-- migrate:up
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
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
    "jwksPublicId" TEXT,
    "jwksPublished" BOOLEAN NOT NULL DEFAULT false,
    "previousPublicKeys" TEXT,
    "secretExpiresAt" DATETIME,
    "secretExpiryNotice" INTEGER,
    CONSTRAINT "credential_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "environment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_credential" ("allowedDestinations", "config", "createdAt", "createdById", "createdByLabel", "environmentId", "id", "lastTestOk", "lastTestSummary", "lastTestedAt", "lastUseByLabel", "lastUseByType", "lastUseDestination", "lastUseOk", "lastUseSummary", "lastUsedAt", "name", "secrets", "type", "updatedAt", "updatedById", "updatedByLabel", "version") SELECT "allowedDestinations", "config", "createdAt", "createdById", "createdByLabel", "environmentId", "id", "lastTestOk", "lastTestSummary", "lastTestedAt", "lastUseByLabel", "lastUseByType", "lastUseDestination", "lastUseOk", "lastUseSummary", "lastUsedAt", "name", "secrets", "type", "updatedAt", "updatedById", "updatedByLabel", "version" FROM "credential";
DROP TABLE "credential";
ALTER TABLE "new_credential" RENAME TO "credential";
CREATE UNIQUE INDEX "credential_jwksPublicId_key" ON "credential"("jwksPublicId");
CREATE INDEX "credential_environmentId_secretExpiresAt_idx" ON "credential"("environmentId", "secretExpiresAt");
CREATE UNIQUE INDEX "credential_environmentId_name_key" ON "credential"("environmentId", "name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- migrate:down
