// The upgrade path: a database made by the first migration and filled with data (an
// organisation, API keys, a credential with encrypted secrets, audit entries) migrates to the
// current schema, and afterwards every key still authenticates, every credential still
// decrypts and the audit log is intact. On SQLite and on PostgreSQL.
import { randomBytes, randomUUID } from "node:crypto";
import { cpSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { decryptSecretMap, encryptSecretMap, parseSecretColumn } from "@/lib/crypto";
import { generateClientId, generateClientSecret, hashSecret } from "@/lib/api-keys/secrets";
import { db } from "@/lib/db";
import { migrate, sqlitePath } from "@/scripts/migrate.mjs";
import { DATABASE_KINDS, emptyDatabase, resetProcessState, stopPostgres } from "@/test-support/test-database";
import { requestToken, startApi } from "./helpers/api";

const root = path.resolve(__dirname, "../..");
const migrations = path.join(root, "prisma", "migrations");

/** A copy of prisma/migrations holding only the first migration of each database. */
function firstMigrationOnly(): string {
  const dir = path.join(root, ".tmp", "integration-upgrade", randomUUID());
  for (const kind of ["sqlite", "postgres"]) {
    mkdirSync(path.join(dir, kind), { recursive: true });
    const [first] = readdirSync(path.join(migrations, kind))
      .filter((f) => /^\d+.*\.sql$/.test(f))
      .sort();
    cpSync(path.join(migrations, kind, first), path.join(dir, kind, first));
  }
  return dir;
}

type Run = (sql: string, ...params: unknown[]) => Promise<void>;

async function connect(url: string): Promise<{ run: Run; close: () => Promise<void> }> {
  if (url.startsWith("file:")) {
    const sqlite = new Database(sqlitePath(url));
    return {
      run: async (sql, ...params) => {
        sqlite.prepare(sql).run(...params);
      },
      close: async () => {
        sqlite.close();
      },
    };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    run: async (sql, ...params) => {
      let n = 0;
      await client.query(
        sql.replace(/\?/g, () => `$${++n}`),
        params,
      );
    },
    close: () => client.end(),
  };
}

afterAll(() => stopPostgres());

describe.each(DATABASE_KINDS)("upgrade from the first migration on %s", (kind) => {
  afterAll(() => resetProcessState());

  it("migrates a filled first-version database: keys authenticate, credentials decrypt, audit kept", async () => {
    await resetProcessState();
    process.env.WORKBENCH_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
    const url = emptyDatabase(kind);
    const firstOnly = firstMigrationOnly();
    expect(await migrate(url, { quiet: true, migrationsDir: firstOnly })).toHaveLength(1);

    // Data as the first version wrote it.
    const now = new Date().toISOString();
    const organisationId = randomUUID();
    const keys = Array.from({ length: 3 }, () => ({
      id: randomUUID(),
      clientId: generateClientId(),
      secret: generateClientSecret(),
    }));
    const credentialId = randomUUID();
    const secrets = encryptSecretMap(
      { password: "first-version-password" },
      { scope: "credential", recordId: credentialId, label: "Old basic" },
    );
    const { run, close } = await connect(url);
    try {
      await run(
        'INSERT INTO organisation (id, name, "createdAt") VALUES (?, ?, ?)',
        organisationId,
        "Old org",
        now,
      );
      await run(
        'INSERT INTO environment ("organisationId", name, "createdAt") VALUES (?, ?, ?)',
        organisationId,
        "production",
        now,
      );
      for (const key of keys)
        await run(
          `INSERT INTO api_key (id, "environmentId", name, kind, permissions, "clientId", "secretHash", "secretHint",
             "createdByLabel", "createdAt", "updatedAt")
           VALUES (?, (SELECT id FROM environment WHERE "organisationId" = ?), ?, 'fine_grained', ?, ?, ?, ?, 'first version', ?, ?)`,
          key.id,
          organisationId,
          `key ${key.clientId}`,
          JSON.stringify(["environments:read"]),
          key.clientId,
          hashSecret(key.secret),
          key.secret.slice(-4),
          now,
          now,
        );
      await run(
        `INSERT INTO credential (id, "environmentId", name, type, config, secrets, "createdByLabel", "updatedByLabel", "createdAt", "updatedAt")
         VALUES (?, (SELECT id FROM environment WHERE "organisationId" = ?), 'Old basic', 'basic', ?, ?, 'first version', 'first version', ?, ?)`,
        credentialId,
        organisationId,
        JSON.stringify({ username: "old" }),
        JSON.stringify(secrets),
        now,
        now,
      );
      for (const key of keys)
        await run(
          `INSERT INTO audit_event (id, "organisationId", "actorType", "actorLabel", action, "targetType", "targetId", details, "createdAt")
           VALUES (?, ?, 'system', 'first version', 'api_key.create', 'api_key', ?, '{}', ?)`,
          randomUUID(),
          organisationId,
          key.id,
          now,
        );
    } finally {
      await close();
    }

    // The start migrates it to the current schema.
    const applied = await migrate(url, { quiet: true });
    expect(applied.length).toBe(
      readdirSync(path.join(migrations, kind)).filter((f) => /^\d+.*\.sql$/.test(f)).length - 1,
    );
    process.env.DATABASE_URL = url;
    const running = await startApi();
    try {
      for (const key of keys)
        expect((await requestToken(running.base, key.clientId, key.secret)).status).toBe(200);
      const row = await db().credential.findUniqueOrThrow({ where: { id: credentialId } });
      const ref = { scope: "credential" as const, recordId: row.id, label: row.name };
      expect(decryptSecretMap(parseSecretColumn(row.secrets, ref), ref)).toEqual({
        password: "first-version-password",
      });
      expect(await db().auditEvent.count({ where: { organisationId } })).toBe(keys.length);
      const ready = await fetch(`${running.base}/v1/ready`);
      expect(ready.status).toBe(200);
    } finally {
      await running.api.close();
      rmSync(firstOnly, { recursive: true, force: true });
    }
  });
});
