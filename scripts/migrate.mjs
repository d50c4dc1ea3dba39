#!/usr/bin/env node
// Applies pending migrations with umzug: prisma/migrations/sqlite for the embedded default,
// prisma/migrations/postgres when the URL is a PostgreSQL one (Prisma Migrate's own runner
// needs its schema engine binary, which is not used here).
//
// The bookkeeping is dbmate's, which earlier versions ran, so a database migrated by them is
// recognised as it is: a table `schema_migrations (version varchar primary key)` holding the
// digits a file's name starts with (`20261125191310_init.sql` → `20261125191310`). A file's
// `-- migrate:up` section is applied, with its version recorded, in one transaction; on
// PostgreSQL an advisory lock lets several instances start at once, and on SQLite each
// migration re-checks its version inside an immediate (write-locked) transaction.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { Umzug } from "umzug";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);

/** The table and the version format dbmate keeps, so databases it migrated carry on. */
export const MIGRATIONS_TABLE = "schema_migrations";
/** Any number: the lock is only ever taken by this runner. */
const ADVISORY_LOCK_KEY = 7_318_642_905;
const WAIT_FOR_DATABASE_MS = 20_000;

export function sqlitePath(url) {
  const file = url.replace(/^file:/, "").replace(/\?.*$/, "");
  return path.isAbsolute(file) ? file : path.resolve(root, file);
}

/** The `-- migrate:up` section of a dbmate-style migration file. */
export function upSection(sql, file) {
  const up = sql.match(/^--\s*migrate:up\b(.*)$/m);
  if (!up) throw new Error(`${file}: no "-- migrate:up" line`);
  if (up[1].trim())
    throw new Error(`${file}: options after "-- migrate:up" are not supported (${up[1].trim()})`);
  const start = up.index + up[0].length;
  const down = sql.slice(start).search(/^--\s*migrate:down\b/m);
  return (down === -1 ? sql.slice(start) : sql.slice(start, start + down)).trim();
}

/** The migrations of one provider, oldest first: `{ version, file, sql }`. */
export function migrationFiles(dir) {
  const files = readdirSync(dir)
    .filter((name) => /^\d+.*\.sql$/.test(name))
    .map((name) => ({
      version: name.match(/^\d+/)[0],
      file: path.join(dir, name),
      sql: upSection(readFileSync(path.join(dir, name), "utf8"), name),
    }))
    .sort((a, b) => a.version.localeCompare(b.version, "en", { numeric: true }));
  // The version is the key of the bookkeeping table: two files with one version (branches that
  // made their migrations in the same second) would apply one and fail on the other.
  for (let i = 1; i < files.length; i++) {
    if (files[i].version === files[i - 1].version) {
      throw new Error(
        `two migrations have version ${files[i].version}: ${path.basename(files[i - 1].file)} and ${path.basename(files[i].file)}; renumber one`,
      );
    }
  }
  return files;
}

/**
 * The database holds every secret's ciphertext: only its owner may read it. SQLite gives the
 * -wal and -shm files it creates the database file's mode, so the file is created (or tightened)
 * with mode 0600 before it is opened.
 */
function secureSqliteFile(file) {
  mkdirSync(path.dirname(file), { recursive: true });
  closeSync(openSync(file, "a", 0o600));
  for (const name of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(name)) chmodSync(name, 0o600);
}

function sqliteDriver(url) {
  const file = sqlitePath(url);
  secureSqliteFile(file);
  const Database = require("better-sqlite3");
  const handle = new Database(file, { timeout: WAIT_FOR_DATABASE_MS });
  // WAL lets the console, the API and the CLI read while one of them writes.
  handle.pragma("journal_mode = WAL");
  handle.exec(`CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" (version varchar(128) primary key)`);
  const versions = () =>
    handle
      .prepare(`SELECT version FROM "${MIGRATIONS_TABLE}"`)
      .all()
      .map((row) => row.version);
  return {
    dir: "sqlite",
    versions: async () => versions(),
    async apply({ version, sql }) {
      // A migration that redefines a table (SQLite's way to change a column) drops the old one;
      // with foreign keys on, that deletes every row referencing it (ON DELETE CASCADE: an
      // organisation's environments, keys, credentials, audit log). `PRAGMA foreign_keys` does
      // nothing inside a transaction, so it is turned off around it, as SQLite's documented
      // procedure says, and the keys are checked before the commit instead.
      handle.pragma("foreign_keys = OFF");
      try {
        const run = handle.transaction(() => {
          // Another process may have applied it since the list of pending ones was read.
          if (handle.prepare(`SELECT 1 FROM "${MIGRATIONS_TABLE}" WHERE version = ?`).get(version)) return;
          handle.exec(sql);
          const broken = handle.pragma("foreign_key_check");
          if (broken.length)
            throw new Error(
              `migration ${version} would leave ${broken.length} row(s) with a broken reference`,
            );
          handle.prepare(`INSERT INTO "${MIGRATIONS_TABLE}" (version) VALUES (?)`).run(version);
        });
        run.immediate();
      } finally {
        handle.pragma("foreign_keys = ON");
      }
    },
    async close() {
      handle.close();
    },
  };
}

async function connectPostgres(url) {
  const { Client } = require("pg");
  const deadline = Date.now() + WAIT_FOR_DATABASE_MS;
  for (;;) {
    const client = new Client({ connectionString: url });
    try {
      await client.connect();
      return client;
    } catch (error) {
      await client.end().catch(() => {});
      if (error.code === "3D000") {
        await createPostgresDatabase(url);
        continue;
      }
      // The server may still be starting: retry refused connections and "starting up" for a while.
      const transient = ["ECONNREFUSED", "ECONNRESET", "57P03"].includes(error.code);
      if (!transient || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** Creates the database the URL names, connected to the server's `postgres` database. */
async function createPostgresDatabase(url) {
  const { Client } = require("pg");
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  target.pathname = "/postgres";
  const client = new Client({ connectionString: target.toString() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } catch (error) {
    if (error.code !== "42P04") throw error; // created meanwhile by another instance
  } finally {
    await client.end();
  }
}

async function postgresDriver(url) {
  const client = await connectPostgres(url);
  // Held for the whole run: a second instance waits here, then finds nothing pending.
  await client.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCK_KEY]);
  await client.query(`CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (version varchar primary key)`);
  return {
    dir: "postgres",
    async versions() {
      const { rows } = await client.query(`SELECT version FROM ${MIGRATIONS_TABLE}`);
      return rows.map((row) => row.version);
    },
    async apply({ version, sql }) {
      await client.query("BEGIN");
      try {
        await client.query(sql);
        await client.query(`INSERT INTO ${MIGRATIONS_TABLE} (version) VALUES ($1)`, [version]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      }
    },
    async close() {
      await client.query("SELECT pg_advisory_unlock($1)", [ADVISORY_LOCK_KEY]).catch(() => {});
      await client.end();
    },
  };
}

function isPostgresUrl(url) {
  return /^postgres(ql)?:\/\//.test(url);
}

async function openDriver(url) {
  if (isPostgresUrl(url)) return postgresDriver(url);
  if (url.startsWith("file:")) return sqliteDriver(url);
  throw new Error(
    `DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL), got "${url.split(":")[0]}:…"`,
  );
}

/** The configured database URL (lib/config.ts holds the variable's parsing and its default). */
async function configuredDatabaseUrl() {
  const { tsImport } = await import("tsx/esm/api");
  const { config } = await tsImport("../lib/config.ts", import.meta.url);
  return config().databaseUrl;
}

/**
 * Migrates the database at `url` (default: the configured DATABASE_URL, else the embedded
 * SQLite file) with the files under `migrationsDir`/{sqlite,postgres}. Returns the versions
 * it applied.
 */
export async function migrate(
  url,
  { quiet = false, migrationsDir = path.join(root, "prisma", "migrations") } = {},
) {
  url ??= await configuredDatabaseUrl();
  let driver;
  try {
    driver = await openDriver(url);
    const umzug = new Umzug({
      migrations: migrationFiles(path.join(migrationsDir, driver.dir)).map((migration) => ({
        name: migration.version,
        path: migration.file,
        up: () => driver.apply(migration),
      })),
      storage: {
        executed: () => driver.versions(),
        // Recorded by `apply` in the migration's own transaction; nothing is ever reverted.
        logMigration: async () => {},
        unlogMigration: async () => {
          throw new Error("reverting migrations is not supported");
        },
      },
      logger: undefined,
    });
    const applied = await umzug.up();
    if (!quiet) {
      console.log(
        applied.length ? `database: applied ${applied.length} migration(s)` : "database: up to date",
      );
    }
    return applied.map((m) => m.name);
  } catch (error) {
    throw new Error(`database migration failed: ${error.message}`, { cause: error });
  } finally {
    await driver?.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  migrate().catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
