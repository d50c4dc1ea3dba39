#!/usr/bin/env node
// Applies pending migrations with dbmate (a real migration tool; Prisma Migrate cannot run
// offline here, see TOOLCHAIN.md): prisma/migrations/sqlite for the embedded default,
// prisma/migrations/postgres when DATABASE_URL is a PostgreSQL URL.
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);

export const DEFAULT_DATABASE_URL = "file:./data/workbench.db";

function dbmateBinary() {
  return path.join(path.dirname(require.resolve("@dbmate/linux-x64/package.json")), "bin", "dbmate");
}

export function sqlitePath(url) {
  const file = url.replace(/^file:/, "").replace(/\?.*$/, "");
  return path.isAbsolute(file) ? file : path.resolve(root, file);
}

/** Migrates the database at `url` (default: DATABASE_URL or the embedded SQLite file). */
export async function migrate(
  url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
  { quiet = false } = {},
) {
  let dbmateUrl;
  let dir;
  if (/^postgres(ql)?:\/\//.test(url)) {
    const u = new URL(url);
    if (!u.searchParams.has("sslmode")) u.searchParams.set("sslmode", "disable");
    u.protocol = "postgres:";
    dbmateUrl = u.toString();
    dir = "postgres";
  } else if (url.startsWith("file:")) {
    const file = sqlitePath(url);
    mkdirSync(path.dirname(file), { recursive: true });
    // WAL lets the console, the API and the CLI read while one of them writes.
    const Database = require("better-sqlite3");
    const handle = new Database(file);
    handle.pragma("journal_mode = WAL");
    handle.close();
    dbmateUrl = `sqlite:${file}`;
    dir = "sqlite";
  } else {
    throw new Error(
      `DATABASE_URL must start with file: (SQLite) or postgres:// (PostgreSQL), got "${url.split(":")[0]}:…"`,
    );
  }
  const result = spawnSync(
    dbmateBinary(),
    [
      "--url",
      dbmateUrl,
      "--migrations-dir",
      path.join(root, "prisma", "migrations", dir),
      "--no-dump-schema",
      "--wait",
      "--wait-timeout",
      "20s",
      "up",
    ],
    { encoding: "utf8" },
  );
  if (result.status !== 0) {
    throw new Error(`database migration failed: ${(result.stderr || result.stdout).trim()}`);
  }
  if (!quiet) {
    const applied = (result.stdout.match(/^Applying: .*$/gm) ?? []).length;
    console.log(applied ? `database: applied ${applied} migration(s)` : "database: up to date");
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  migrate().catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
