import Database from "better-sqlite3";
import path from "node:path";
import pg from "pg";

// The e2e server's own database (scripts/e2e-server.mjs), for checks after a UI step: its SQLite
// file by default, or the PostgreSQL database E2E_DATABASE_URL names (the scale path). Queries
// are written once for both: identifiers that are camelCase or reserved in PostgreSQL are
// double-quoted (SQLite accepts that too), booleans are `true`/`false`, parameters are `?`.

export const E2E_DATABASE_URL =
  process.env.E2E_DATABASE_URL || `file:${path.resolve(__dirname, "../../.tmp/e2e/workbench.db")}`;

export const onPostgres = /^postgres(ql)?:\/\//.test(E2E_DATABASE_URL);

/** `?` placeholders become PostgreSQL's `$1, $2, …` (the queries here have no `?` in literals). */
function toPostgres(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** Runs one statement on the e2e database and returns its rows. */
export async function query<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]> {
  if (onPostgres) {
    const client = new pg.Client({ connectionString: E2E_DATABASE_URL });
    await client.connect();
    try {
      return (await client.query(toPostgres(sql), params)).rows as T[];
    } finally {
      await client.end();
    }
  }
  const db = new Database(E2E_DATABASE_URL.slice("file:".length));
  try {
    const statement = db.prepare(sql);
    if (!statement.reader) {
      statement.run(...params);
      return [];
    }
    return statement.all(...params) as T[];
  } finally {
    db.close();
  }
}

/** The number in column `n` of the first row (e.g. `select count(*) n from …`). */
export async function count(sql: string, ...params: unknown[]): Promise<number> {
  const [row] = await query<{ n: number | string }>(sql, ...params);
  return Number(row.n);
}
