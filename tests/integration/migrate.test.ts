// scripts/migrate.mjs on both databases: every migration applied once in order, the bookkeeping
// that dbmate (the earlier runner) keeps, so databases it migrated carry on, a failing migration
// rolled back whole, and several instances starting at once on PostgreSQL.
import { afterAll, describe, expect, it } from "vitest";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { Client } from "pg";
import { MIGRATIONS_TABLE, migrate, migrationFiles, sqlitePath } from "@/scripts/migrate.mjs";
import { DATABASE_KINDS, emptyDatabase, stopPostgres, type DatabaseKind } from "@/test-support/test-database";

afterAll(() => stopPostgres());

const root = path.resolve(__dirname, "../..");

/** Runs one query on the database at `url` and returns its rows. */
async function query(url: string, sql: string): Promise<Record<string, unknown>[]> {
  if (url.startsWith("file:")) {
    const handle = new Database(sqlitePath(url));
    try {
      const statement = handle.prepare(sql);
      return statement.reader ? (statement.all() as Record<string, unknown>[]) : (statement.run(), []);
    } finally {
      handle.close();
    }
  }
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

async function tables(url: string): Promise<string[]> {
  const rows = url.startsWith("file:")
    ? await query(url, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    : await query(
        url,
        "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
      );
  return rows.map((row) => String(row.name));
}

async function versions(url: string): Promise<string[]> {
  const rows = await query(url, `SELECT version FROM ${MIGRATIONS_TABLE} ORDER BY version`);
  return rows.map((row) => String(row.version));
}

describe("the SQLite file", () => {
  it("is created readable by its owner only, and an existing one is tightened", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "wb-mode-"));
    try {
      const fresh = path.join(dir, "fresh.db");
      await migrate(`file:${fresh}`, { quiet: true });
      expect(statSync(fresh).mode & 0o777).toBe(0o600);
      const loose = path.join(dir, "loose.db");
      writeFileSync(loose, "");
      chmodSync(loose, 0o644);
      await migrate(`file:${loose}`, { quiet: true });
      expect(statSync(loose).mode & 0o777).toBe(0o600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the migration files", () => {
  it("refuse two files with one version, naming both, before anything is applied", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "wb-versions-"));
    try {
      writeFileSync(path.join(dir, "20260101000000_first.sql"), "-- migrate:up\nCREATE TABLE a (x int);\n");
      writeFileSync(path.join(dir, "20260101000000_second.sql"), "-- migrate:up\nCREATE TABLE b (x int);\n");
      expect(() => migrationFiles(dir)).toThrow(
        "two migrations have version 20260101000000: 20260101000000_first.sql and 20260101000000_second.sql",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the shipped ones have a version each", () => {
    for (const kind of DATABASE_KINDS) {
      const versions = migrationFiles(path.join(root, "prisma", "migrations", kind)).map((m) => m.version);
      expect(new Set(versions).size).toBe(versions.length);
    }
  });
});

describe.each(DATABASE_KINDS)("migrations on %s", (kind: DatabaseKind) => {
  const shipped = migrationFiles(path.join(root, "prisma", "migrations", kind));

  it("applies every migration once, in order, recording each version, then has nothing to do", async () => {
    const url = emptyDatabase(kind);
    expect(await migrate(url, { quiet: true })).toEqual(shipped.map((m) => m.version));
    expect(await versions(url)).toEqual(shipped.map((m) => m.version));
    expect(await tables(url)).toEqual(expect.arrayContaining(["api_key", "credential", "organisation"]));
    expect(await migrate(url, { quiet: true })).toEqual([]);
  });

  it("recognises a database migrated by dbmate and applies nothing again", async () => {
    // What dbmate leaves: its table (as it creates it) and the versions it applied.
    const url = emptyDatabase(kind);
    await query(
      url,
      kind === "sqlite"
        ? `CREATE TABLE IF NOT EXISTS "schema_migrations" (version varchar(128) primary key)`
        : `create table if not exists public.schema_migrations (version varchar not null primary key)`,
    );
    for (const migration of shipped) {
      if (kind === "sqlite") {
        const handle = new Database(sqlitePath(url));
        handle.exec(migration.sql);
        handle.close();
      } else await query(url, migration.sql);
      await query(url, `INSERT INTO schema_migrations (version) VALUES ('${migration.version}')`);
    }
    expect(await migrate(url, { quiet: true })).toEqual([]);
    expect(await versions(url)).toEqual(shipped.map((m) => m.version));
  });

  it("rolls a failing migration back whole and keeps the ones before it", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "wb-migrations-"));
    try {
      mkdirSync(path.join(dir, kind));
      writeFileSync(
        path.join(dir, kind, "20260101000000_first.sql"),
        "-- migrate:up\nCREATE TABLE first_table (id INTEGER PRIMARY KEY);\n\n-- migrate:down\n",
      );
      writeFileSync(
        path.join(dir, kind, "20260102000000_broken.sql"),
        "-- migrate:up\nCREATE TABLE half_done (id INTEGER PRIMARY KEY);\nINSERT INTO no_such_table VALUES (1);\n\n-- migrate:down\n",
      );
      const url = emptyDatabase(kind);
      await expect(migrate(url, { quiet: true, migrationsDir: dir })).rejects.toThrow(
        /^database migration failed: .*no_such_table/,
      );
      expect(await versions(url)).toEqual(["20260101000000"]);
      expect(await tables(url)).toContain("first_table");
      expect(await tables(url)).not.toContain("half_done");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("migrations on postgres with several instances starting at once", () => {
  it("applies each migration exactly once", async () => {
    const url = emptyDatabase("postgres");
    const runs = await Promise.all([1, 2, 3, 4].map(() => migrate(url, { quiet: true })));
    const shipped = migrationFiles(path.join(root, "prisma", "migrations", "postgres")).map((m) => m.version);
    expect(runs.flat().sort()).toEqual(shipped);
    expect(await versions(url)).toEqual(shipped);
  });
});
