// "The database is unchanged when the answer is an error", checked cheaply: triggers count
// every INSERT, UPDATE and DELETE of the data tables in one side table, so a check is one small
// query. What the server writes on every request by design (usage counters, rate-limit windows,
// console session touches, api_key/credential last-used stamps, the refused-request ring of
// each key) is not watched; everything else is, whichever code path writes it. updatedAt is
// watched: only edits move it.
import { db, isPostgresUrl } from "@/lib/db";

/** Tables written by design on requests that fail (metering, throttling, sessions, refusals). */
const UNWATCHED_TABLES = new Set([
  "session",
  "api_key_usage",
  "api_key_refusal",
  "api_key_permission_use",
  "rate_limit_window",
  "fuzz_writes",
]);
/** Columns stamped by design on use; a change to any other column still counts. */
const UNWATCHED_COLUMNS: Record<string, string[]> = {
  api_key: ["lastUsedAt", "lastUsedIp", "lastUsedUserAgent"],
  credential: [
    "lastUsedAt",
    "lastUseByType",
    "lastUseByLabel",
    "lastUseDestination",
    "lastUseOk",
    "lastUseSummary",
  ],
};

export type WriteCounts = Record<string, number>;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Creates the counters and the triggers that bump them, on SQLite or PostgreSQL. */
export async function installWriteCounters(): Promise<string[]> {
  await db().$executeRawUnsafe(
    `CREATE TABLE IF NOT EXISTS fuzz_writes (name TEXT PRIMARY KEY, n INTEGER NOT NULL DEFAULT 0)`,
  );
  return isPostgresUrl() ? installOnPostgres() : installOnSqlite();
}

const watched = (tables: string[]) =>
  tables.filter((name) => !UNWATCHED_TABLES.has(name) && !name.includes("migration"));
const watchedColumns = (table: string, columns: string[]) =>
  columns.filter((c) => !(UNWATCHED_COLUMNS[table] ?? []).includes(c));

async function installOnSqlite(): Promise<string[]> {
  const client = db();
  const tables = watched(
    (
      await client.$queryRawUnsafe<{ name: string }[]>(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
      )
    ).map((t) => t.name),
  );
  for (const table of tables) {
    const columns = watchedColumns(
      table,
      (await client.$queryRawUnsafe<{ name: string }[]>(`PRAGMA table_info(${quote(table)})`)).map(
        (c) => c.name,
      ),
    );
    // The sign-in throttle keeps its attempts in `setting` under its own prefix: counted apart.
    const counter = (row: "NEW" | "OLD") =>
      table === "setting"
        ? `CASE WHEN ${row}."key" LIKE 'throttle:%' THEN 'setting:throttle' ELSE 'setting' END`
        : `'${table}'`;
    const bump = (row: "NEW" | "OLD") =>
      `INSERT INTO fuzz_writes (name, n) VALUES (${counter(row)}, 1) ON CONFLICT(name) DO UPDATE SET n = n + 1;`;
    await client.$executeRawUnsafe(
      `CREATE TRIGGER IF NOT EXISTS ${quote(`fuzz_${table}_insert`)} AFTER INSERT ON ${quote(table)} BEGIN ${bump("NEW")} END`,
    );
    await client.$executeRawUnsafe(
      `CREATE TRIGGER IF NOT EXISTS ${quote(`fuzz_${table}_update`)} AFTER UPDATE OF ${columns.map(quote).join(", ")} ON ${quote(table)} BEGIN ${bump("NEW")} END`,
    );
    await client.$executeRawUnsafe(
      `CREATE TRIGGER IF NOT EXISTS ${quote(`fuzz_${table}_delete`)} AFTER DELETE ON ${quote(table)} BEGIN ${bump("OLD")} END`,
    );
  }
  return tables;
}

async function installOnPostgres(): Promise<string[]> {
  const client = db();
  await client.$executeRawUnsafe(`
    CREATE OR REPLACE FUNCTION fuzz_bump() RETURNS trigger AS $$
    DECLARE
      changed record;
      counter text := TG_TABLE_NAME;
    BEGIN
      IF TG_OP = 'DELETE' THEN changed := OLD; ELSE changed := NEW; END IF;
      -- The sign-in throttle keeps its attempts in setting under its own prefix: counted apart.
      IF TG_TABLE_NAME = 'setting' AND to_jsonb(changed)->>'key' LIKE 'throttle:%' THEN counter := 'setting:throttle'; END IF;
      INSERT INTO fuzz_writes (name, n) VALUES (counter, 1)
        ON CONFLICT (name) DO UPDATE SET n = fuzz_writes.n + 1;
      RETURN NULL;
    END $$ LANGUAGE plpgsql`);
  const tables = watched(
    (
      await client.$queryRawUnsafe<{ name: string }[]>(
        `SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
      )
    ).map((t) => t.name),
  );
  for (const table of tables) {
    const columns = watchedColumns(
      table,
      (
        await client.$queryRawUnsafe<{ name: string }[]>(
          `SELECT column_name::text AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`,
          table,
        )
      ).map((c) => c.name),
    );
    await client.$executeRawUnsafe(
      `CREATE TRIGGER ${quote(`fuzz_${table}_insert_delete`)} AFTER INSERT OR DELETE ON ${quote(table)} FOR EACH ROW EXECUTE FUNCTION fuzz_bump()`,
    );
    await client.$executeRawUnsafe(
      `CREATE TRIGGER ${quote(`fuzz_${table}_update`)} AFTER UPDATE OF ${columns.map(quote).join(", ")} ON ${quote(table)} FOR EACH ROW EXECUTE FUNCTION fuzz_bump()`,
    );
  }
  return tables;
}

export async function writeCounts(): Promise<WriteCounts> {
  const rows = await db().$queryRawUnsafe<{ name: string; n: number | bigint }[]>(
    `SELECT name, n FROM fuzz_writes`,
  );
  return Object.fromEntries(rows.map((r) => [r.name, Number(r.n)]));
}

/** The watched tables written between two snapshots, minus the ones `allowed`. */
export function writesBetween(
  before: WriteCounts,
  after: WriteCounts,
  allowed: readonly string[] = [],
): string[] {
  return Object.keys(after).filter(
    (name) => (after[name] ?? 0) !== (before[name] ?? 0) && !allowed.includes(name),
  );
}
