// Backup and restore of the embedded (SQLite) database. `backup` makes a consistent copy while
// the server runs (SQLite's online backup API); `restore` puts a copy back while the server is
// stopped, after checking the copy is sound and that its secrets were encrypted under a master
// key this installation has (the master key is not in the database: back it up separately).
// On PostgreSQL both point at pg_dump / pg_restore.
import { copyFileSync, existsSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { keyring, MasterKeyError } from "../../lib/crypto";
import { config } from "../../lib/config";
import { closeDb } from "../../lib/db";
import { DomainError } from "../../lib/result";
import { sqlitePath } from "../migrate.mjs";
import { UsageError, type CliGroup } from "./types";

function embeddedDatabase(command: string): string {
  const { databaseUrl, isPostgres } = config();
  if (isPostgres)
    throw new DomainError(
      `${command} works on the embedded SQLite database; on PostgreSQL use pg_dump (backup) and pg_restore or psql (restore), see the README`,
      "invalid",
    );
  return sqlitePath(databaseUrl);
}

function target(args: string[]): string {
  const [file, ...rest] = args;
  if (!file || rest.length) throw new UsageError("give one file name");
  return path.resolve(file);
}

/** The master key ids the copy's encrypted values were made under. */
function keyIdsIn(copy: Database.Database): Set<string> {
  const ids = new Set<string>();
  const texts = [
    ...copy.prepare("SELECT value AS t FROM setting").all(),
    ...copy.prepare("SELECT secrets AS t FROM credential").all(),
    ...copy.prepare("SELECT secrets AS t FROM integration").all(),
  ] as { t: string }[];
  for (const { t } of texts)
    for (const match of t.matchAll(/\bv1\.([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]+\./g)) ids.add(match[1]);
  return ids;
}

async function backup(args: string[]): Promise<void> {
  const source = embeddedDatabase("backup");
  const file = target(args);
  if (existsSync(file)) throw new DomainError(`${file} exists already: choose a new file name`, "invalid");
  await closeDb();
  const database = new Database(source, { readonly: true, timeout: 10_000 });
  try {
    // Page by page, letting the running server write in between; the copy is one consistent
    // snapshot of the database.
    await database.backup(file);
  } finally {
    database.close();
  }
  const copy = new Database(file, { readonly: true });
  const check = copy.pragma("integrity_check", { simple: true });
  const keys = keyIdsIn(copy).size;
  copy.close();
  if (check !== "ok") throw new DomainError(`the copy failed its integrity check: ${check}`, "unavailable");
  console.log(`Backed up ${source} to ${file} (${statSync(file).size} bytes).`);
  if (keys)
    console.log(
      "Its secrets are encrypted under the master key, which is not in the copy: keep a copy of data/master.key (or WORKBENCH_ENCRYPTION_KEY) apart from it.",
    );
}

async function restore(args: string[]): Promise<void> {
  const current = embeddedDatabase("restore");
  const file = target(args);
  if (!existsSync(file)) throw new DomainError(`no such file: ${file}`, "invalid");
  await closeDb();

  const copy = new Database(file, { readonly: true, fileMustExist: true });
  try {
    let check: unknown;
    try {
      check = copy.pragma("integrity_check", { simple: true });
    } catch {
      throw new DomainError(`${file} is not a SQLite database`, "invalid");
    }
    if (check !== "ok") throw new DomainError(`${file} is damaged: ${check}`, "invalid");
    const isWorkbench = copy
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
      .get();
    if (!isWorkbench) throw new DomainError(`${file} is not a Workbench database`, "invalid");
    let ring;
    try {
      ring = keyring();
    } catch (error) {
      if (error instanceof MasterKeyError) throw new DomainError(error.message, "unavailable");
      throw error;
    }
    const unknown = [...keyIdsIn(copy)].filter((id) => !ring.keys.has(id));
    if (unknown.length)
      throw new DomainError(
        `this backup's secrets were encrypted under another master key (key id ${unknown.join(", ")}; this installation has ${[...ring.keys.keys()].join(", ")}). ` +
          "Restore with the master key that was in use when the backup was made (data/master.key or WORKBENCH_ENCRYPTION_KEY); nothing was changed.",
        "invalid",
      );
  } finally {
    copy.close();
  }

  if (existsSync(current)) {
    // Leaving WAL mode needs the only connection to the file: it fails while a server has it open.
    const live = new Database(current, { timeout: 0 });
    try {
      live.pragma("wal_checkpoint(TRUNCATE)");
      const mode = live.pragma("journal_mode = DELETE", { simple: true });
      if (mode !== "delete") throw new Error("busy");
    } catch {
      throw new DomainError("the database is in use: stop the Workbench server, then restore", "unavailable");
    } finally {
      live.close();
    }
    const aside = `${current}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    renameSync(current, aside);
    for (const suffix of ["-wal", "-shm"]) rmSync(`${current}${suffix}`, { force: true });
    console.log(`The database it replaces is kept as ${aside}.`);
  }
  const partial = `${current}.restoring`;
  copyFileSync(file, partial);
  renameSync(partial, current);
  const restored = new Database(current);
  restored.pragma("journal_mode = WAL");
  restored.close();
  console.log(`Restored ${file} to ${current}. Start the server: it migrates the copy if it is older.`);
}

export const backupCommands: CliGroup = {
  backup: {
    usage: "backup <file>",
    summary:
      "Copy the embedded SQLite database to <file> while the server runs (a consistent snapshot). Back up the master key separately. On PostgreSQL use pg_dump.",
    run: backup,
  },
  restore: {
    usage: "restore <file>",
    summary:
      "Put a backup back (the server must be stopped). Refused if the copy is damaged or was encrypted under another master key.",
    run: restore,
  },
};
